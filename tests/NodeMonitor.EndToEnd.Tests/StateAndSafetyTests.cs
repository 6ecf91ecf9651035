using System.Diagnostics;
using Microsoft.Data.Sqlite;
using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>Local state, the run lock, and what users get for mistakes.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
[Category("Integration")]
public class StateAndSafetyTests
{
    [Test]
    public void StatusShowsTheLastRunWithFailingTestsFirstAndExitsLikeRun()
    {
        using var ws = new Workspace("mixed");
        CliRun.Invoke(ws.RunArgs());
        var status = CliRun.Invoke("status", "--state", ws.State);
        Assert.That(status.ExitCode, Is.EqualTo(1), status.ToString());
        var lines = status.Stdout.Split('\n');
        int firstFailed = Array.FindIndex(lines, l => l.TrimStart().StartsWith("FAILED", StringComparison.Ordinal));
        int firstOther = Array.FindIndex(lines, l => l.TrimStart().StartsWith("WARNING", StringComparison.Ordinal) || l.TrimStart().StartsWith("INCONCLUSIVE", StringComparison.Ordinal));
        Assert.That(firstFailed, Is.GreaterThanOrEqualTo(0), status.Stdout);
        Assert.That(firstFailed, Is.LessThan(firstOther), "failing tests come first");
    }

    [Test]
    public void HistoryRecordsARecoveryAsAStateTransition()
    {
        using var ws = new Workspace();
        string plugin = ws.AddFixture("environmentcheck");
        string manifest = Path.Combine(plugin, "plugin.json");
        string fixing = File.ReadAllText(manifest);
        // Without its environment the check fails; with it, the same test passes: a real recovery.
        File.WriteAllText(manifest, "{}");
        var first = CliRun.Invoke(ws.RunArgs());
        Assert.That(first.ExitCode, Is.EqualTo(1), first.ToString());
        File.WriteAllText(manifest, fixing);
        var second = CliRun.Invoke(ws.RunArgs());
        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());

        var history = CliRun.Invoke("history", "--state", ws.State, "--plugin", "environmentcheck");
        Assert.That(history.ExitCode, Is.EqualTo(0), history.ToString());
        Assert.That(history.Stdout, Does.Contain("Failed -> Passed").And.Contain("SeesTheManifestEnvironment"));
    }

    [Test]
    public void ARunWhileAnotherHoldsTheLockExitsThreeWithOneLine()
    {
        using var ws = new Workspace("nunit5");
        Directory.CreateDirectory(ws.State);
        using (new FileStream(Path.Combine(ws.State, "run.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var run = CliRun.Invoke(ws.RunArgs());
            Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
            Assert.That(run.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(run.Stderr, Does.Contain("--wait"));
        }
    }

    [Test]
    public void WaitQueuesBehindAHeldLock()
    {
        using var ws = new Workspace("nunit5");
        Directory.CreateDirectory(ws.State);
        var held = new FileStream(Path.Combine(ws.State, "run.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        using var release = new Timer(_ => held.Dispose(), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        var run = CliRun.Invoke(ws.RunArgs("--wait", "60"));
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
    }

    [Test]
    public void KillingARunMidwayLeavesAUsableStoreAndNoStaleLock()
    {
        using var ws = new Workspace("hang", "nunit5");
        CliRun.Invoke(ws.RunArgs("--plugin", "nunit5"));
        using (var p = CliRun.Start(ws.RunArgs()))
        {
            Thread.Sleep(1500);
            p.Kill(entireProcessTree: false);
            p.WaitForExit();
        }
        Assert.That(WorkersStillRunningUnder(ws.PluginRoot, TimeSpan.FromSeconds(15)), Is.Empty,
            "a worker must not outlive the run that started it");
        var again = CliRun.Invoke(ws.RunArgs("--plugin", "nunit5"));
        Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString());
        using var db = new SqliteConnection($"Data Source={Path.Combine(ws.State, "nodemonitor.db")};Mode=ReadOnly");
        db.Open();
        using var check = db.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.That(check.ExecuteScalar(), Is.EqualTo("ok"));
        var status = CliRun.Invoke("status", "--state", ws.State);
        Assert.That(status.ExitCode, Is.EqualTo(0), status.ToString());
    }

    /// <summary>Worker processes whose command line names this plugin root, after waiting up to <paramref name="grace"/> for them to go.</summary>
    private static List<string> WorkersStillRunningUnder(string pluginRoot, TimeSpan grace)
    {
        var until = DateTime.UtcNow + grace;
        while (true)
        {
            var alive = new List<string>();
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                try
                {
                    string cmd = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                    if (cmd.Contains("nodemonitor-worker", StringComparison.Ordinal) && cmd.Contains(pluginRoot, StringComparison.Ordinal))
                        alive.Add($"{Path.GetFileName(dir)}: {cmd}");
                }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
            if (alive.Count == 0 || DateTime.UtcNow > until) return alive;
            Thread.Sleep(200);
        }
    }

    [Test]
    public void AnUnknownConfigKeyIsExitTwoNamingFileAndKey()
    {
        using var ws = new Workspace("nunit5");
        string config = ws.File("nodemonitor.json");
        File.WriteAllText(config, """{ "pluginRoot": "/tmp", "parralel": 2 }""");
        var run = CliRun.Invoke(ws.RunArgs("--config", config));
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain(config).And.Contain("parralel"));
        Assert.That(run.Stderr, Does.Not.Contain("   at "));
        Assert.That(Directory.Exists(ws.State), Is.False, "nothing ran, nothing was written");
    }

    [Test]
    public void AnUnknownManifestKeyFailsOnlyThatPluginAndValidateExitsTwo()
    {
        using var ws = new Workspace("nunit4");
        string plugin = ws.AddFixture("nunit5");
        File.WriteAllText(Path.Combine(plugin, "plugin.json"), """{ "timout": 5 }""");
        var validate = CliRun.Invoke("validate", "--root", ws.PluginRoot, "--state", ws.State);
        var run = CliRun.Invoke(ws.RunArgs("--format", "json"));
        Assert.Multiple(() =>
        {
            Assert.That(validate.ExitCode, Is.EqualTo(2), validate.ToString());
            Assert.That(validate.Stderr, Does.Contain("plugin.json").And.Contain("timout"));
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        });
        using var doc = System.Text.Json.JsonDocument.Parse(run.Stdout);
        var plugins = doc.RootElement.GetProperty("plugins").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.That(plugins["nunit4"].GetProperty("tests").GetArrayLength(), Is.GreaterThan(0), "the other plugin ran");
        Assert.That(plugins["nunit5"].GetProperty("error").GetString(), Does.Contain("configuration error").And.Contain("timout"));
    }

    [Test]
    public void AGlobalConfigErrorStaysExitTwo()
    {
        using var ws = new Workspace("nunit5");
        string config = ws.File("nodemonitor.json");
        File.WriteAllText(config, """{ "parallel": "many" }""");
        var run = CliRun.Invoke(ws.RunArgs("--config", config));
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
    }

    [Test]
    public void ABadWhereExpressionIsExitTwo()
    {
        using var ws = new Workspace("nunit5");
        var run = CliRun.Invoke(ws.RunArgs("--where", "cat == (slow"));
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("--where").Or.Contain("selection"));
    }

    [Test]
    public void AMissingPluginRootIsExitThree()
    {
        using var ws = new Workspace();
        var run = CliRun.Invoke("run", "--root", ws.File("nope"), "--state", ws.State);
        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.Stderr, Does.Contain("nope"));
    }

    [Test]
    public void AnUnknownPluginNameIsExitTwoListingTheValidNames()
    {
        using var ws = new Workspace("nunit5", "mixed");
        var run = CliRun.Invoke(ws.RunArgs("--plugin", "nunit6"));
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain("nunit5").And.Contain("mixed"));
    }

    [Test]
    public void ListCountsTestsWithoutRunningThem()
    {
        using var ws = new Workspace("mixed", "hang");
        var list = CliRun.Invoke("list", "--root", ws.PluginRoot);
        Assert.That(list.ExitCode, Is.EqualTo(0), list.ToString());
        Assert.That(list.Stdout, Does.Contain("mixed").And.Contain("hang").And.Contain("tests"));
        Assert.That(Directory.Exists(ws.State), Is.False);
    }

    [Test]
    public void EveryVerbExplainsItselfWithExamples()
    {
        foreach (var verb in new[] { "run", "list", "validate", "status", "history" })
        {
            var help = CliRun.Invoke(verb, "--help");
            Assert.That(help.ExitCode, Is.EqualTo(0), help.ToString());
            Assert.That(help.Stdout, Does.Contain("Examples:").And.Contain($"nodemonitor {verb}"), verb);
        }
    }

    [Test]
    public void AnUnknownVerbOrOptionIsExitTwo()
    {
        Assert.That(CliRun.Invoke("rnu").ExitCode, Is.EqualTo(2));
        Assert.That(CliRun.Invoke("run", "--bogus").ExitCode, Is.EqualTo(2));
    }
}
