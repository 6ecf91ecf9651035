using System.Text.Json;
using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>
/// Test selection through a real `nodemonitor`: each --where or manifest where is parsed once, up front. A bad --where
/// stops the run with exit 2 before anything runs, for NUnit plugins and Nagios commands alike; a bad manifest where
/// fails only its plugin (validate exits 2), as any other plugin.json mistake does.
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
    public void ABadWhereInAPluginJsonFailsOnlyThatPluginNamingFileAndPositionAndValidateExitsTwo()
    {
        using var ws = new Workspace("nunit4");
        string plugin = ws.AddFixture("nunit5");
        File.WriteAllText(Path.Combine(plugin, "plugin.json"), """{ "where": "cat == slow and" }""");
        var validate = CliRun.Invoke("validate", "--root", ws.PluginRoot, "--state", ws.State);
        var run = CliRun.Invoke(ws.RunArgs("--format", "json"));
        Assert.Multiple(() =>
        {
            Assert.That(validate.ExitCode, Is.EqualTo(2), validate.ToString());
            Assert.That(validate.ToString(), Does.Contain(Path.Combine(plugin, "plugin.json")).And.Contain("'where'").And.Contain("position 16"));
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        });
        using var json = JsonDocument.Parse(run.Stdout);
        var plugins = json.RootElement.GetProperty("plugins").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.That(plugins["nunit4"].GetProperty("tests").GetArrayLength(), Is.GreaterThan(0), "the other plugin ran");
        Assert.That(plugins["nunit5"].GetProperty("error").GetString(), Does.Contain("invalid test selection \"cat == slow and\"").And.Contain("position 16"));
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
