using NUnit.Framework;
using Microsoft.Data.Sqlite;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;
using NodeMonitor.Core.Tests.Support;

// Not NodeMonitor.Core.Tests.Storage: that would shadow NodeMonitor.Core.Storage for "Storage.X" in sibling test namespaces.
namespace NodeMonitor.Core.Tests.LocalStorage;

public sealed class LocalStoreRetentionTests : StoreTestBase
{
    [Test]
    public void RunsOlderThanTheMaximumAgeAreDeletedWhenARunIsWritten()
    {
        using var store = LocalStore.Open(StateDirectory.Path, new RetentionPolicy(TimeSpan.FromHours(1), long.MaxValue));
        store.Write(new RunResultBuilder(T0).Failed("disk", "Disk.Inodes").Build());
        store.Write(new RunResultBuilder(T0.AddMinutes(30)).Failed("disk", "Disk.Inodes").Build());

        store.Write(new RunResultBuilder(T0.AddMinutes(90)).Failed("disk", "Disk.Inodes").Build());

        Assert.That(store.Runs().Select(r => r.StartTime), Is.EqualTo(new[] { T0.AddMinutes(90), T0.AddMinutes(30) }));
        Assert.That(store.History().Select(r => r.Time), Is.EqualTo(new[] { T0.AddMinutes(90), T0.AddMinutes(30) }));
    }

    [Test]
    public void AFailingTestKeepsItsStateWhileItStillRunsButAVanishedTestIsForgotten()
    {
        using var store = LocalStore.Open(StateDirectory.Path, new RetentionPolicy(TimeSpan.FromHours(1), long.MaxValue));
        store.Write(new RunResultBuilder(T0).Failed("disk", "Disk.Inodes").Passed("disk", "Disk.Renamed").Build());

        store.Write(new RunResultBuilder(T0.AddHours(2)).Failed("disk", "Disk.Inodes").Build());

        var states = store.CurrentStates();
        Assert.That(states.Select(s => s.FullName), Is.EquivalentTo(new[] { "Disk.Inodes", TestState.PluginLevelName }));
        Assert.That(states.Single(s => s.FullName == "Disk.Inodes").Since, Is.EqualTo(T0), "still failing since the first run");
    }

    [Test]
    public void WhenTheStoreOutgrowsItsSizeLimitTheOldestRunsAreDeleted()
    {
        const long limit = 512 * 1024;
        string stateDirectory = StateDirectory.Combine("state");
        using (var store = LocalStore.Open(stateDirectory, new RetentionPolicy(TimeSpan.FromDays(30), limit)))
        {
            // About 40 KiB per run: 2 MiB written into half a MiB.
            for (int i = 0; i < 50; i++)
            {
                store.Write(new RunResultBuilder(T0.AddMinutes(i))
                    .Failed("disk", "Disk.Inodes", output: $"run {i} " + new string('x', 40 * 1024)).Build());
                Assert.That(UsedBytes(store.DatabasePath), Is.LessThanOrEqualTo(limit), $"after run {i}");
            }

            var kept = store.Runs(limit: 100).Select(r => r.StartTime).ToList();
            Assert.That(kept, Has.Count.InRange(2, 49));
            Assert.That(kept, Is.EqualTo(Enumerable.Range(50 - kept.Count, kept.Count).Reverse().Select(i => T0.AddMinutes(i))),
                "the newest runs, without gaps");
        }

        string file = Path.Combine(stateDirectory, LocalStore.DatabaseFileName);
        Assert.That(File.Exists(file + "-wal"), Is.False, "closing the store checkpoints everything into the file");
        Assert.That(new FileInfo(file).Length, Is.LessThanOrEqualTo(limit));
    }

    [Test]
    public void ARunLargerThanTheSizeLimitIsStillKept()
    {
        using var store = LocalStore.Open(StateDirectory.Path, new RetentionPolicy(TimeSpan.FromDays(30), 64 * 1024));
        store.Write(new RunResultBuilder(T0).Failed("disk", "Disk.Inodes", output: new string('x', 60 * 1024)).Build());

        var last = new RunResultBuilder(T0.AddMinutes(1)).Failed("disk", "Disk.Inodes", output: new string('y', 60 * 1024)).Build();
        store.Write(last);

        Assert.That(store.Runs().Select(r => r.RunId), Is.EqualTo(new[] { last.RunId }));
        Assert.That(store.History().Single().Output, Does.StartWith("yyy"));
    }

    [Test]
    public void StatesSurviveSizeRetention()
    {
        using var store = LocalStore.Open(StateDirectory.Path, new RetentionPolicy(TimeSpan.FromDays(30), 64 * 1024));
        store.Write(new RunResultBuilder(T0).Passed("ntp", "Ntp.Synchronized").Build());

        store.Write(new RunResultBuilder(T0.AddMinutes(1)).Failed("disk", "Disk.Inodes", output: new string('x', 60 * 1024)).Build());

        Assert.That(store.Runs(), Has.Count.EqualTo(1));
        Assert.That(store.CurrentStates().Select(s => (s.Plugin, s.FullName)), Does.Contain(("ntp", "Ntp.Synchronized")));
    }

    private static long UsedBytes(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        return RetentionSweep.UsedBytes(connection, transaction);
    }
}
