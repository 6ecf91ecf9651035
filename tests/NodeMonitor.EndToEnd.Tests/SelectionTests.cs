using System.Text.Json;
using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>
/// Test selection through a real `nodemonitor`: each --where or manifest where is parsed once, up front, so a bad one
/// stops validate and run with exit 2 naming its source before anything runs, for NUnit plugins and Nagios commands alike.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class SelectionTests
{
    [TestCase("nunit5")]
    [TestCase("nrpe-basic")]
    public void AnInvalidRegularExpressionIsExitTwoNamingWhereBeforeAnythingRuns(string fixture)
    {
        using var ws = new Workspace(fixture);
        var run = CliRun.Invoke(ws.RunArgs("--where", "name =~ '['"));
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Stderr, Does.Contain("--where").And.Contain("invalid regular expression '['").And.Contain("position 9"));
            Assert.That(run.Stderr, Does.Not.Contain("   at "));
            Assert.That(Directory.Exists(ws.State), Is.False, "nothing ran, nothing was written");
        });
    }

    [Test]
    public void ABadWhereInAPluginJsonIsExitTwoNamingTheFileForValidateAndRun()
    {
        using var ws = new Workspace();
        string plugin = ws.AddFixture("nunit5");
        File.WriteAllText(Path.Combine(plugin, "plugin.json"), """{ "where": "cat == slow and" }""");
        var validate = CliRun.Invoke("validate", "--root", ws.PluginRoot);
        var run = CliRun.Invoke(ws.RunArgs());
        Assert.Multiple(() =>
        {
            Assert.That(validate.ExitCode, Is.EqualTo(2), validate.ToString());
            Assert.That(validate.Stderr, Does.Contain(Path.Combine(plugin, "plugin.json")).And.Contain("'where'").And.Contain("position 16"));
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Stderr, Does.Contain("plugin.json").And.Contain("invalid test selection"));
        });
    }

    [Test]
    public void AFixtureNameSelectsItsTestsAsNUnitDoesAndACommandsPluginNameItsCommands()
    {
        using var ws = new Workspace("mixed", "nrpe-basic");
        var run = CliRun.Invoke(ws.RunArgs("--where", "name == MixedChecks and cat == slow or name == nrpe-basic and name != missing", "--format", "json"));
        using var json = JsonDocument.Parse(run.Stdout);
        var tests = json.RootElement.GetProperty("plugins").EnumerateArray()
            .SelectMany(p => p.GetProperty("tests").EnumerateArray()).Select(t => t.GetProperty("fullName").GetString()).ToList();
        Assert.That(tests, Is.EquivalentTo(new[]
        {
            "Fixtures.Mixed.MixedChecks.IsInSlowCategory",
            "nagios.nrpe-basic.ok", "nagios.nrpe-basic.warns", "nagios.nrpe-basic.load", "nagios.nrpe-basic.root_disk",
        }), run.ToString());
    }
}
