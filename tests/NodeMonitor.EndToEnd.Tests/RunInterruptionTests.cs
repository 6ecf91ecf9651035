using System.Diagnostics;
using Microsoft.Data.Sqlite;
using NodeMonitor.EndToEnd.Tests.Support;
using NodeMonitor.Tests.Shared;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>Whatever stops a run (SIGKILL, SIGTERM, a worker dying), the store holds whole runs only, earlier runs are never
/// lost, and the read-only verbs are never held up by a run in progress.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
[Category("Integration")]
public class RunInterruptionTests
{
    [Test]
    public void ARunKilledAfterSomeResultsKeepsNothingOfItAndStatusIsNotHeldUpMeanwhile()
    {
        using var ws = HangBesideNunit5(out var first);
        var rowsBefore = StoreRows.Of(Database(ws));
        CliRun status;
        using (var run = CliRun.Start(ws.RunArgs("--parallel", "2")))
        {
            WaitUntilNunit5Finished(run);
            status = CliRun.Invoke("status", "--state", ws.State);
            run.Kill(entireProcessTree: false); // SIGKILL: no chance to roll back or finish
            run.WaitForExit();
        }

        Assert.That(status.ExitCode, Is.EqualTo(0), status.ToString());
        Assert.That(status.Stdout, Does.Contain(first), "status shows the last complete run while another runs");
        Assert.That(StoreRows.Of(Database(ws)), Is.EqualTo(rowsBefore), "nothing of the killed run, everything before it");
        Assert.That(IntegrityCheck(ws), Is.EqualTo("ok"));
        var again = CliRun.Invoke(ws.RunArgs("--plugin", "nunit5"));
        Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString());
        Assert.That(StoreRows.Of(Database(ws), "runs"), Has.Count.EqualTo(2));
    }

    [Test]
    public void ARunStoppedBySigtermIsStoredWholeOrNotAtAll()
    {
        using var ws = HangBesideNunit5(out _);
        var rowsBefore = StoreRows.Of(Database(ws));
        int exit;
        using (var run = CliRun.Start(ws.RunArgs("--parallel", "2")))
        {
            WaitUntilNunit5Finished(run);
            using (var kill = Process.Start("kill", ["-TERM", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill?.WaitForExit();
            Assert.That(run.WaitForExit(60_000), Is.True, "the run ends after SIGTERM");
            exit = run.ExitCode;
        }

        Assert.That(IntegrityCheck(ws), Is.EqualTo("ok"));
        var runs = StoreRows.Of(Database(ws), "runs");
        if (runs.Count == 1)
        {
            // Stopped before its store was completed: then nothing of it is kept.
            Assert.That(StoreRows.Of(Database(ws)), Is.EqualTo(rowsBefore), $"exit {exit}");
            return;
        }
        Assert.That(runs, Has.Count.EqualTo(2));
        var plugins = StoreRows.Of(Database(ws), "plugin_runs").Where(r => r.StartsWith("plugin_runs: 2 |", StringComparison.Ordinal)).ToList();
        Assert.That(plugins, Has.Count.EqualTo(2), "both plugins of the interrupted run");
        Assert.That(plugins.Single(p => p.Contains("| hang |", StringComparison.Ordinal)), Does.Contain("Crashed").And.Contain("cancelled"));
        Assert.That(plugins.Single(p => p.Contains("| nunit5 |", StringComparison.Ordinal)), Does.Contain("Completed"));
        Assert.That(exit, Is.EqualTo(1), "a stored interrupted run exits like a failed one");
    }

    [Test]
    public void AWorkerThatDiesMidRunStillHasTheResultsItSentStored()
    {
        using var ws = new Workspace("crashexit");
        var run = CliRun.Invoke(ws.RunArgs());
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());

        var states = StoreRows.Of(Database(ws), "test_states");
        Assert.That(states, Has.One.Contains("Fixtures.CrashExit.CrashExitChecks.PassesFirst | Passed"));
        Assert.That(states, Has.One.Contains("test_states: crashexit | <plugin> | Failed"));
        Assert.That(StoreRows.Of(Database(ws), "test_records"), Has.One.Contains("| crashexit | <plugin> | Failed | Crashed |"));
    }

    /// <summary>A workspace where nunit5 has run once (its run id in <paramref name="firstRunId"/>) and hang, beside it,
    /// holds a run open for two minutes after its first test.</summary>
    private static Workspace HangBesideNunit5(out string firstRunId)
    {
        var ws = new Workspace("hang", "nunit5");
        File.WriteAllText(Path.Combine(ws.PluginRoot, "hang", "plugin.json"), """{ "timeout": 120 }""");
        var first = CliRun.Invoke(ws.RunArgs("--plugin", "nunit5"));
        first.AssertSucceeded("the first run");
        firstRunId = StoreRows.Of(Database(ws), "runs").Single().Split(" | ")[1];
        return ws;
    }

    /// <summary>Waits for nunit5's line (printed when the plugin finished), then a little more.</summary>
    private static void WaitUntilNunit5Finished(Process run)
    {
        var reading = Task.Run(() =>
        {
            while (run.StandardOutput.ReadLine() is { } line)
                if (line.Contains("nunit5", StringComparison.Ordinal)) return true;
            return false;
        });
        Assert.That(reading.Wait(TimeSpan.FromSeconds(90)) && reading.Result, Is.True, "nunit5 finished while hang runs");
        Thread.Sleep(1000);
    }

    private static string Database(Workspace ws) => Path.Combine(ws.State, "nodemonitor.db");

    private static string? IntegrityCheck(Workspace ws)
    {
        using var db = new SqliteConnection($"Data Source={Database(ws)};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var check = db.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        return check.ExecuteScalar() as string;
    }
}
