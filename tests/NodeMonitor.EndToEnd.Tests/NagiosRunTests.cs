using System.Text.Json;
using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>`nodemonitor run/validate/list` over a plugin folder that is only an nrpe.cfg (fixture nrpe-basic).</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
[Category("Integration")]
public class NagiosRunTests
{
    [Test]
    public void EachNrpeCommandIsATestWithThePluginApisOutcome()
    {
        using var ws = new Workspace("nrpe-basic");
        var run = CliRun.Invoke(ws.RunArgs("--format", "json"));

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString()); // the 'missing' command fails the run
        using var json = JsonDocument.Parse(run.Stdout);
        var plugin = json.RootElement.GetProperty("plugins").EnumerateArray().Single();
        var tests = plugin.GetProperty("tests").EnumerateArray()
            .ToDictionary(t => t.GetProperty("fullName").GetString()!, t => t.Clone());
        Assert.Multiple(() =>
        {
            Assert.That(plugin.GetProperty("status").GetString(), Is.EqualTo("Completed"));
            Assert.That(tests.Keys, Is.EquivalentTo(new[]
            {
                "nagios.nrpe-basic.ok", "nagios.nrpe-basic.warns", "nagios.nrpe-basic.load", "nagios.nrpe-basic.root_disk", "nagios.nrpe-basic.missing",
            }));
            Assert.That(tests["nagios.nrpe-basic.ok"].GetProperty("outcome").GetString(), Is.EqualTo("Passed"));
            Assert.That(tests["nagios.nrpe-basic.warns"].GetProperty("outcome").GetString(), Is.EqualTo("Warning"));
            Assert.That(tests["nagios.nrpe-basic.warns"].GetProperty("message").GetString(), Does.Contain("getting warm"));
            var missing = tests["nagios.nrpe-basic.missing"];
            Assert.That(missing.GetProperty("outcome").GetString(), Is.EqualTo("Failed"));
            Assert.That(missing.GetProperty("label").GetString(), Is.EqualTo("Unknown"));
            Assert.That(missing.GetProperty("message").GetString(), Does.Contain("/usr/lib/nagios/plugins/check_not_installed"));
            var loadProperties = tests["nagios.nrpe-basic.load"].GetProperty("properties").EnumerateArray().Select(p => p.GetProperty("name").GetString());
            Assert.That(loadProperties, Does.Contain("perfdata:load1"));
        });
    }

    [Test]
    public void WarningIsFailureMakesAWarningFail()
    {
        using var ws = new Workspace("nrpe-basic");
        File.WriteAllText(ws.File("nm.json"), """{ "nagios": { "warningIsFailure": true } }""");
        var run = CliRun.Invoke(ws.RunArgs("--config", ws.File("nm.json"), "--where", "name == warns"));

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stdout, Does.Contain("1 failed"), run.ToString());
    }

    [Test]
    public void AnUnknownMacroStopsTheRunWithExitTwoNamingIt()
    {
        using var ws = new Workspace();
        Directory.CreateDirectory(Path.Combine(ws.PluginRoot, "custom"));
        File.WriteAllText(Path.Combine(ws.PluginRoot, "custom", "checks.cfg"), "command[x]=$USER9$/check_x\n");
        var run = CliRun.Invoke(ws.RunArgs());

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("$USER9$").And.Contain("checks.cfg:1"));
    }

    [Test]
    public void ValidateAndListShowTheCommandsAndTheIgnoredLines()
    {
        using var ws = new Workspace("nrpe-basic");
        var validate = CliRun.Invoke("validate", "--root", ws.PluginRoot);
        var list = CliRun.Invoke("list", "--root", ws.PluginRoot, "--tests");

        Assert.That(validate.ExitCode, Is.EqualTo(0), validate.ToString());
        Assert.That(validate.Stdout, Does.Contain("5 Nagios commands").And.Contain("server_port=5666"));
        Assert.That(list.Stdout, Does.Contain("nrpe.cfg  Nagios commands  5 tests").And.Contain("nagios.nrpe-basic.root_disk"), list.ToString());
    }
}
