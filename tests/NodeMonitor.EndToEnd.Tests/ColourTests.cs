using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>
/// Verdicts in colour on a terminal (failing red, warning yellow), and never a colour code where nobody looks at a
/// terminal: output redirected (cron, pipes, files), NO_COLOR set, TERM=dumb. The terminal is a real pseudo-terminal
/// (util-linux <c>script</c>). (The .NET runtime itself sends a terminal its keypad mode, <c>ESC [?1h ESC =</c>, which is
/// no colour.)
/// </summary>
[Category("Integration")]
[Parallelizable(ParallelScope.All)]
public sealed class ColourTests
{
    private const string Red = "\u001b[31m";
    private const string Yellow = "\u001b[33m";
    private const string Reset = "\u001b[0m";

    [Test]
    public void OnATerminalFailuresAreRedAndWarningsYellow()
    {
        using var ws = new Workspace("mixed");

        string output = OnTerminal(ws, new() { ["TERM"] = "xterm" });

        Assert.That(output, Does.Contain($"{Red}FAILED (").Or.Contain($"{Red}FAILED  "), output);
        Assert.That(output, Does.Contain($"{Yellow}WARNING"), output);
        Assert.That(output, Does.Contain(": FAILED in ").And.Contain(Reset), output);
    }

    [TestCase("NO_COLOR", "1")]
    [TestCase("TERM", "dumb")]
    public void NoColourWhenTheTerminalAsksForNone(string variable, string value)
    {
        using var ws = new Workspace("mixed");

        string output = OnTerminal(ws, new() { ["TERM"] = "xterm", [variable] = value });

        Assert.That(output, Does.Contain("FAILED"), output);
        Assert.That(output, Does.Not.Contain(Red).And.Not.Contain(Yellow).And.Not.Contain(Reset).And.Not.Contain("\u001b[32m"), output);
    }

    [Test]
    public void NoColourWhenTheOutputIsRedirected()
    {
        using var ws = new Workspace("mixed");

        var run = CliRun.Invoke(ws.RunArgs(), new Dictionary<string, string> { ["TERM"] = "xterm" });
        var status = CliRun.Invoke(["status", "--state", ws.State], new Dictionary<string, string> { ["TERM"] = "xterm" });

        Assert.That(run.Stdout, Does.Contain("FAILED"));
        Assert.That(run.Output + status.Output, Does.Not.Contain("\u001b"));
    }

    /// <summary>`nodemonitor run` then `status` with stdout on a pseudo-terminal; what the terminal received.</summary>
    private static string OnTerminal(Workspace ws, Dictionary<string, string> environment)
    {
        string command = $"'{Repo.Cli}' run --root '{ws.PluginRoot}' --state '{ws.State}'; '{Repo.Cli}' status --state '{ws.State}'";
        var script = ChildProcess.Run("script", ["-qefc", command, "/dev/null"], environment: environment);
        return script.Stdout;
    }
}
