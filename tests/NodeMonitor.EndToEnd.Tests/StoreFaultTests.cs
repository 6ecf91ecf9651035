using System.Text.Json;
using Microsoft.Data.Sqlite;
using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>The store under faults, with the published CLI: a full disk, an immutable file, a read-only or uncreatable
/// state directory, a corrupt file, and clocks stepped back.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public class StoreFaultTests
{
    [Test]
    public void ARunOnAFullDiskExitsThreeAndClaimsNoSuccess()
    {
        using var ws = new Workspace("nunit5");
        using var disk = new SmallDisk(ws.File("disk"), "2m");
        string state = Path.Combine(disk.Path, "state");
        var first = CliRun.Invoke("run", "--root", ws.PluginRoot, "--state", state, "--format", "json");
        first.AssertSucceeded("the first run");
        disk.Fill();

        var full = CliRun.Invoke("run", "--root", ws.PluginRoot, "--state", state);

        Assert.Multiple(() =>
        {
            Assert.That(full.ExitCode, Is.EqualTo(3), full.ToString());
            Assert.That(full.Stderr, Does.Contain("the run was not stored"));
            Assert.That(full.Stdout, Does.Contain("NOT STORED").And.Not.Contain("PASSED"), "nothing claims success that was not stored");
        });
        File.Delete(Path.Combine(disk.Path, "filler"));
        var status = CliRun.Invoke("status", "--state", state);
        Assert.That(status.Stdout, Does.Contain(RunId(first)), "the last stored run is still the first one");
    }

    [Test]
    public void AnImmutableStoreIsExitThreeForRunAndStillReadByTheReadOnlyVerbs()
    {
        using var ws = new Workspace("nunit5");
        var first = CliRun.Invoke(ws.RunArgs("--format", "json"));
        first.AssertSucceeded("the first run");
        string db = Path.Combine(ws.State, "nodemonitor.db");
        SmallDisk.Run("chattr", "+i", db);
        try
        {
            var run = CliRun.Invoke(ws.RunArgs());
            var status = CliRun.Invoke("status", "--state", ws.State);
            var history = CliRun.Invoke("history", "--state", ws.State);
            var metrics = CliRun.Invoke("metrics", "--state", ws.State);
            Assert.Multiple(() =>
            {
                Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
                Assert.That(run.Stdout, Does.Not.Contain("PASSED"));
                Assert.That(status.ExitCode, Is.EqualTo(0), status.ToString());
                Assert.That(status.Stdout, Does.Contain(RunId(first)));
                Assert.That(history.ExitCode, Is.EqualTo(0), history.ToString());
                Assert.That(metrics.ExitCode, Is.EqualTo(0), metrics.ToString());
                Assert.That(metrics.Stdout, Does.Contain("nodemonitor_run_success"));
            });
        }
        finally
        {
            SmallDisk.Run("chattr", "-i", db);
        }
    }

    [Test]
    public void AReadOnlyStateDirectorySaysSoAndTheReadOnlyVerbsStillWork()
    {
        using var ws = new Workspace("nunit5");
        using var disk = new SmallDisk(ws.File("disk"), "4m");
        string state = Path.Combine(disk.Path, "state");
        var first = CliRun.Invoke("run", "--root", ws.PluginRoot, "--state", state, "--format", "json");
        first.AssertSucceeded("the first run");
        disk.MakeReadOnly();

        var run = CliRun.Invoke("run", "--root", ws.PluginRoot, "--state", state);
        var status = CliRun.Invoke("status", "--state", state);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
            Assert.That(run.Stderr, Does.Contain("state directory").And.Contain("is read-only"));
            Assert.That(run.Stderr, Does.Not.Contain("holds the lock"));
            Assert.That(status.ExitCode, Is.EqualTo(0), status.ToString());
            Assert.That(status.Stdout, Does.Contain(RunId(first)));
        });
    }

    [Test]
    public void AStateDirectoryThatCannotBeCreatedIsExitThreeForRunAndValidate()
    {
        using var ws = new Workspace("nunit5");
        var run = CliRun.Invoke("run", "--root", ws.PluginRoot, "--state", "/proc/nodemonitor-state");
        var validate = CliRun.Invoke("validate", "--root", ws.PluginRoot, "--state", "/proc/nodemonitor-state");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
            Assert.That(run.Stderr, Does.Contain("cannot create the state directory /proc/nodemonitor-state").And.Not.Contain("   at "));
            Assert.That(validate.ExitCode, Is.EqualTo(3), validate.ToString());
            Assert.That(validate.Stderr, Does.Contain("cannot create the state directory /proc/nodemonitor-state"));
        });
    }

    [TestCase("garbage")]
    [TestCase("truncated")]
    public void ACorruptStoreIsMovedAsideAFreshOneStartedAndStatusSaysSo(string damage)
    {
        using var ws = new Workspace("nunit5");
        CliRun.Invoke(ws.RunArgs()).AssertSucceeded("the first run");
        CliRun.Invoke(ws.RunArgs()).AssertSucceeded("the second run");
        string db = Path.Combine(ws.State, "nodemonitor.db");
        Damage(db, damage);

        var run = CliRun.Invoke(ws.RunArgs());
        var status = CliRun.Invoke("status", "--state", ws.State);

        var aside = Directory.GetFiles(ws.State, "nodemonitor.db.corrupt-*");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
            Assert.That(run.Stderr, Does.Contain("WARNING: the local store was corrupt").And.Contain("moved aside"));
            Assert.That(aside, Has.Length.EqualTo(1));
            Assert.That(status.ExitCode, Is.EqualTo(0), status.ToString());
            Assert.That(status.Stdout, Does.Contain("CORRUPT STORE moved aside").And.Contain(Path.GetFileName(aside[0])));
        });
    }

    [Test]
    public void TheLastRunIsTheOneStoredLastNotTheOneWithTheLatestClock()
    {
        using var ws = new Workspace("nunit5");
        CliRun.Invoke(ws.RunArgs()).AssertSucceeded("the first run");
        // The first run's clock was a year ahead; the clock has been stepped back since.
        using (var db = new SqliteConnection($"Data Source={Path.Combine(ws.State, "nodemonitor.db")};Pooling=false"))
        {
            db.Open();
            using var ahead = db.CreateCommand();
            ahead.CommandText = "UPDATE runs SET start_time = start_time + 31536000000, end_time = end_time + 31536000000;";
            ahead.ExecuteNonQuery();
        }
        var second = CliRun.Invoke(ws.RunArgs("--format", "json"));
        second.AssertSucceeded("the second run");

        var status = CliRun.Invoke("status", "--state", ws.State, "--format", "json");

        using var doc = JsonDocument.Parse(status.Stdout);
        Assert.That(doc.RootElement.GetProperty("lastRun").GetProperty("runId").GetString(), Is.EqualTo(RunId(second)));
    }

    private static void Damage(string db, string how)
    {
        foreach (var companion in new[] { "-wal", "-shm" }) File.Delete(db + companion);
        if (how == "garbage")
        {
            File.WriteAllBytes(db, Enumerable.Range(0, 64 * 1024).Select(i => (byte)(i * 31 % 251)).ToArray());
            return;
        }
        using var file = new FileStream(db, FileMode.Open);
        file.SetLength(file.Length / 2);
    }

    private static string RunId(CliRun run)
    {
        using var doc = JsonDocument.Parse(run.Stdout);
        return doc.RootElement.GetProperty("runId").GetString()!;
    }
}
