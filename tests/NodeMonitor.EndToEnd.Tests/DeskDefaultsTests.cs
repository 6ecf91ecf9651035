using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>
/// A plain `dotnet test` as a new plugin author runs it: no NODEMONITOR_* variables, default verbosity. A user who is
/// not root records into their own XDG state directory, and a run that cannot be recorded says so on the terminal.
/// </summary>
[TestFixture]
[Category("Integration")]
[Parallelizable(ParallelScope.All)]
public sealed class DeskDefaultsTests
{
    private const int Nobody = 65534;

    [Test]
    public void ANonRootUserRecordsIntoTheirOwnStateDirectoryWithoutSettingAnything()
    {
        if (Environment.UserName != "root") Assert.Ignore("needs root to run dotnet test as another user");
        using var ws = new Workspace();
        string desk = DeskTestRun.Prepare(ws, "nunit4");
        string home = ws.File("home");
        Directory.CreateDirectory(home);
        Sh($"chmod 755 {ws.Path} && chown -R {Nobody}:{Nobody} {desk} {home}");

        var run = ChildProcess.Run("setpriv", ["--reuid", $"{Nobody}", "--regid", $"{Nobody}", "--clear-groups",
            "env", $"HOME={home}", $"DOTNET_CLI_HOME={home}", "dotnet", "test", Path.Combine(desk, "Nunit4.dll")], desk);

        Assert.That(run.Output, Does.Contain("Passed!"), run.ToString());
        Assert.That(run.Output, Does.Not.Contain("NodeMonitor extension: warning"), run.ToString());
        string perUser = Path.Combine(home, ".local", "state", "nodemonitor");
        Assert.That(StoredCounts.LastRun(perUser).Total, Is.EqualTo(1), "the run is in ~/.local/state/nodemonitor");
    }

    [Test]
    public void ARunThatCannotBeRecordedSaysSoOnTheTerminalAtDefaultVerbosity()
    {
        using var ws = new Workspace();
        string desk = DeskTestRun.Prepare(ws, "nunit4");
        string blocker = ws.File("not-a-directory");
        File.WriteAllText(blocker, "");

        // script(1) gives dotnet test a terminal, as a developer's shell does; its output is what they would see.
        var run = ChildProcess.Run("script", ["-qec", $"dotnet test {Path.Combine(desk, "Nunit4.dll")}", "/dev/null"], desk,
            new Dictionary<string, string> { ["NODEMONITOR_STATE_DIRECTORY"] = Path.Combine(blocker, "state") });

        Assert.That(run.Output, Does.Contain("Passed!"), run.ToString());
        Assert.That(run.Output, Does.Contain("NodeMonitor extension: warning: this run is not stored locally"), run.ToString());
    }

    private static void Sh(string command) => ChildProcess.Run("sh", ["-c", command]).AssertSucceeded(command);
}
