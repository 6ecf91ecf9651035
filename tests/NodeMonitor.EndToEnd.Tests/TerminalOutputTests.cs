using System.Text.Json;
using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>
/// A plugin folder named with a terminal escape and a bidi override, holding tests whose names and messages carry
/// escapes, bidi overrides and line breaks (fixture Impostor): every verb prints them escaped, so nothing a plugin
/// names can recolour, retitle, clear or reorder the operator's terminal.
/// </summary>
[Category("Integration")]
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class TerminalOutputTests
{
    private const string Plugin = "evil\u001b[31mred\u202etxt";
    private const string PluginPrinted = "evil\\u001B[31mred\\u202Etxt";

    [Test]
    public void EveryVerbPrintsPluginAndTestNamesEscaped()
    {
        using var ws = new Workspace();
        File.WriteAllText(Path.Combine(ws.AddFixture("impostor", Plugin), "plugin.json"), """{ "where": "cat == names" }""");
        string[] store = ["--state", ws.State];

        var outputs = new Dictionary<string, CliRun>
        {
            ["run"] = CliRun.Invoke(ws.RunArgs()),
            ["list"] = CliRun.Invoke("list", "--root", ws.PluginRoot, "--tests"),
            ["validate"] = CliRun.Invoke("validate", "--root", ws.PluginRoot, "--state", ws.State),
            ["status"] = CliRun.Invoke(["status", .. store], null),
            ["history"] = CliRun.Invoke(["history", .. store], null),
            ["metrics"] = CliRun.Invoke(["metrics", .. store], null),
        };

        Assert.That(outputs["run"].ExitCode, Is.EqualTo(1), outputs["run"].ToString());
        foreach (var (verb, result) in outputs)
        {
            Assert.That(result.Output, Does.Not.Contain("\u001b").And.Not.Contain("\u202e").And.Not.Contain("\r").And.Not.Contain("\u0007"),
                $"{verb} printed a control character:\n{result}");
            Assert.That(result.Output, Does.Contain(PluginPrinted), $"{verb}:\n{result}");
        }
        Assert.That(outputs["run"].Stdout, Does.Contain("Fixtures.Impostor.ImpostorChecks.Two\\nLines\\rBack"));
        Assert.That(outputs["run"].Stdout, Does.Contain("Fixtures.Impostor.ImpostorChecks.Reversed\\u202ETxt.exe"));
        Assert.That(outputs["list"].Stdout, Does.Contain("Fixtures.Impostor.ImpostorChecks.Two\\nLines\\rBack"));
        Assert.That(outputs["history"].Stdout, Does.Contain("cleared \\u202Eesrever"));
        Assert.That(outputs["metrics"].Stdout, Does.Contain($"plugin=\"{PluginPrinted}\""));
    }

    [Test]
    public void JsonOutputStaysValidAndKeepsTheNamesAsTheyAre()
    {
        using var ws = new Workspace();
        File.WriteAllText(Path.Combine(ws.AddFixture("impostor", Plugin), "plugin.json"), """{ "where": "cat == names" }""");

        var run = CliRun.Invoke(ws.RunArgs("--format", "json"));

        Assert.That(run.Stdout, Does.Not.Contain("\u001b").And.Not.Contain("\u202e"));
        using var json = JsonDocument.Parse(run.Stdout);
        var plugin = json.RootElement.GetProperty("plugins").EnumerateArray().Single();
        Assert.That(plugin.GetProperty("name").GetString(), Is.EqualTo(Plugin));
    }
}
