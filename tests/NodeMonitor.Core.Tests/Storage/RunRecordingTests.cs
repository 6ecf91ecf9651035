using NUnit.Framework;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;
using NodeMonitor.Core.Tests.Support;
using NodeMonitor.Tests.Shared;

// Not NodeMonitor.Core.Tests.Storage: that would shadow NodeMonitor.Core.Storage for "Storage.X" in sibling test namespaces.
namespace NodeMonitor.Core.Tests.LocalStorage;

/// <summary>A run written while it runs: the same rows as a run written at once, and nothing of it visible or kept
/// before it completes.</summary>
public sealed class RunRecordingTests : StoreTestBase
{
    private const int BigPlugin = 2_500; // more than one batch of last sightings

    [Test]
    public void ARecordedRunIsStoredExactlyAsAWriteAtOnceStoresIt()
    {
        using var reference = new TemporaryDirectory();
        using var atOnce = LocalStore.Open(reference.Path, RetentionPolicy.Default);
        using var recorded = LocalStore.Open(StateDirectory.Path, RetentionPolicy.Default);
        var runs = new (RunResult Run, HashSet<string>? Installed)[]
        {
            (Big(T0).Failed("ntp", "Ntp.Drift").Passed("web", "Web.Up").Build(), null),
            // A failure, a recovery, a name seen twice (first unchanged, then failing), a crashed plugin.
            (Big(T0.AddMinutes(1)).Failed("disk", "Disk.Check0007").Passed("disk", "Disk.Check0010").Failed("disk", "Disk.Check0010")
                .Passed("ntp", "Ntp.Drift").Passed("web", "Web.Up").PluginError("web", PluginStatus.Crashed, "the worker exited with code 42")
                .Build(), null),
            // Recoveries, a new test, a plugin gone (retired), the crashed plugin completing again.
            (Big(T0.AddMinutes(2)).Passed("disk", "Disk.New").Passed("web", "Web.Up").Build(), ["disk", "web"]),
        };

        foreach (var (run, installed) in runs)
        {
            atOnce.Write(run, installed);
            using var recording = RecordInterleaved(recorded, run);
            Assert.That(recording.TryComplete(run, installed), Is.True, run.RunId);
            Assert.That(StoreRows.Of(recorded.DatabasePath), Is.EqualTo(StoreRows.Of(atOnce.DatabasePath)), run.RunId);
        }
        Assert.That(StoreRows.Of(recorded.DatabasePath, "test_records"), Has.Some.Contains("Retired"), "the runs cover retirement");
    }

    [Test]
    public void AReaderSeesThePreviousRunWhileARunIsRecordedAndTheWholeRunOnceItCompletes()
    {
        using var store = LocalStore.Open(StateDirectory.Path, RetentionPolicy.Default);
        var first = Big(T0).Failed("ntp", "Ntp.Drift").Build();
        var second = Big(T0.AddMinutes(1)).Passed("ntp", "Ntp.Drift").Build();
        store.Write(first);
        var rowsBefore = StoreRows.Of(store.DatabasePath);
        using var readOnly = StoreDatabase.OpenReadOnly(StateDirectory.Path);
        var reader = LocalStore.On(readOnly, RetentionPolicy.Default);

        using var recording = RecordInterleaved(store, second);

        Assert.Multiple(() =>
        {
            Assert.That(StoreRows.Of(store.DatabasePath), Is.EqualTo(rowsBefore), "every row as before the run");
            Assert.That(reader.LastRun()!.RunId, Is.EqualTo(first.RunId));
            Assert.That(reader.CurrentStates().Single(s => s.FullName == "Ntp.Drift").Outcome, Is.EqualTo(TestOutcome.Failed));
        });
        Assert.That(recording.TryComplete(second), Is.True);
        Assert.That(reader.LastRun()!.RunId, Is.EqualTo(second.RunId));
        Assert.That(reader.LastRun()!.Counts.Total, Is.EqualTo(BigPlugin + 1));
        Assert.That(reader.CurrentStates().Where(s => !s.IsPluginLevel).Select(s => s.LastSeen).Distinct(), Is.EqualTo(new[] { second.StartTime }));
    }

    [Test]
    public void ARecordingNotCompletedLeavesThePreviousStateAndTheNextRunIsStored()
    {
        using var reference = new TemporaryDirectory();
        using var atOnce = LocalStore.Open(reference.Path, RetentionPolicy.Default);
        using var store = LocalStore.Open(StateDirectory.Path, RetentionPolicy.Default);
        var first = Big(T0).Build();
        var abandoned = Big(T0.AddMinutes(1)).Failed("disk", "Disk.Check0001").Build();
        var next = Big(T0.AddMinutes(2)).Failed("disk", "Disk.Check0002").Build();
        store.Write(first);
        atOnce.Write(first);
        var rowsBefore = StoreRows.Of(store.DatabasePath);

        RecordInterleaved(store, abandoned).Dispose();

        Assert.That(StoreRows.Of(store.DatabasePath), Is.EqualTo(rowsBefore));
        store.Write(next);
        atOnce.Write(next);
        Assert.That(StoreRows.Of(store.DatabasePath), Is.EqualTo(StoreRows.Of(atOnce.DatabasePath)));
    }

    [Test]
    public void TheFilesOfAProcessKilledWhileRecordingHoldThePreviousState()
    {
        using var store = LocalStore.Open(StateDirectory.Path, RetentionPolicy.Default);
        var first = new RunResultBuilder(T0).Passed("ntp", "Ntp.Drift").Build();
        store.Write(first);
        var rowsBefore = StoreRows.Of(store.DatabasePath);
        string wal = store.DatabasePath + "-wal";
        long walBefore = new FileInfo(wal).Length;
        // 30,000 new tests: more changed pages than SQLite's page cache holds, so part of the open transaction is in the WAL.
        var builder = new RunResultBuilder(T0.AddMinutes(1)).Passed("ntp", "Ntp.Drift");
        for (int i = 0; i < 30_000; i++) builder.Passed("disk", $"Disk.Check{i:00000}.WithAName.LongEnough.ToFillPages");

        using var recording = RecordInterleaved(store, builder.Build());
        Assert.That(new FileInfo(wal).Length, Is.GreaterThan(walBefore), "the open transaction spilled into the WAL");
        // What a killed process leaves behind: its files as they are now, without the commit that never came.
        using var crashed = new TemporaryDirectory();
        File.Copy(store.DatabasePath, crashed.Combine(LocalStore.DatabaseFileName));
        File.Copy(wal, crashed.Combine(LocalStore.DatabaseFileName + "-wal"));

        using var reopened = LocalStore.Open(crashed.Path, RetentionPolicy.Default);
        Assert.That(StoreRows.Of(reopened.DatabasePath), Is.EqualTo(rowsBefore));
        Assert.That(reopened.LastRun()!.RunId, Is.EqualTo(first.RunId));
    }

    [Test]
    public void ARunThatIsNotTheOneRecordedIsNotCompletedAndNothingOfTheRecordingIsKept()
    {
        using var store = LocalStore.Open(StateDirectory.Path, RetentionPolicy.Default);
        store.Write(Big(T0).Build());
        var rowsBefore = StoreRows.Of(store.DatabasePath);
        var recordedRun = Big(T0.AddMinutes(1)).Failed("ntp", "Ntp.Drift", "offset 3 s").Build();
        var otherMessage = recordedRun with
        {
            Plugins = recordedRun.Plugins.Select(p => p.Name != "ntp" ? p
                : p with { Tests = p.Tests.Select(t => t with { Message = "offset 4 s" }).ToList() }).ToList(),
        };
        var pluginMissing = recordedRun with { Plugins = recordedRun.Plugins.Where(p => p.Name != "ntp").ToList() };
        var testMissing = recordedRun with { Plugins = recordedRun.Plugins.Select(p => p with { Tests = p.Tests.Skip(1).ToList() }).ToList() };

        foreach (var other in new[] { otherMessage, pluginMissing, testMissing })
        {
            using var recording = RecordInterleaved(store, recordedRun);
            Assert.That(recording.TryComplete(other), Is.False);
            Assert.That(StoreRows.Of(store.DatabasePath), Is.EqualTo(rowsBefore));
        }
    }

    [Test]
    public void ARecordingOfARunIdAlreadyStoredCannotStartAndChangesNothing()
    {
        using var store = LocalStore.Open(StateDirectory.Path, RetentionPolicy.Default);
        var first = Big(T0).Build();
        store.Write(first);
        var rowsBefore = StoreRows.Of(store.DatabasePath);

        var error = Assert.Throws<StoreException>(() => store.Record(first.RunId, first.Node, T0.AddMinutes(1)));

        Assert.That(error!.Message, Does.Contain(first.RunId).And.Contain(store.DatabasePath));
        Assert.That(StoreRows.Of(store.DatabasePath), Is.EqualTo(rowsBefore));
        store.Write(Big(T0.AddMinutes(2)).Build());
        Assert.That(store.Runs(), Has.Count.EqualTo(2), "the store is not left locked");
    }

    /// <summary>A plugin "disk" of <see cref="BigPlugin"/> passing tests.</summary>
    private static RunResultBuilder Big(DateTimeOffset at)
    {
        var builder = new RunResultBuilder(at);
        for (int i = 0; i < BigPlugin; i++) builder.Passed("disk", $"Disk.Check{i:0000}");
        return builder;
    }

    /// <summary>Records <paramref name="run"/> as parallel plugins deliver it: their tests interleaved, each plugin ended
    /// after its last test; only the first plugin's states are read ahead.</summary>
    internal static RunRecording RecordInterleaved(LocalStore store, RunResult run)
    {
        var recording = store.Record(run.RunId, run.Node, run.StartTime);
        if (run.Plugins.Count > 0) recording.Expect(run.Plugins[0].Name);
        int longest = run.Plugins.Max(p => p.Tests.Count);
        for (int i = 0; i <= longest; i++)
        {
            foreach (var plugin in run.Plugins)
            {
                if (i < plugin.Tests.Count) recording.Add(plugin.Tests[i]);
                if (i == plugin.Tests.Count) recording.EndPlugin(plugin.Name);
            }
        }
        return recording;
    }
}
