using NUnit.Framework;
using NodeMonitor.Core.Storage;
using NodeMonitor.Core.Tests.Support;

// Not NodeMonitor.Core.Tests.Storage: that would shadow NodeMonitor.Core.Storage for "Storage.X" in sibling test namespaces.
namespace NodeMonitor.Core.Tests.LocalStorage;

public sealed class LocalStoreAtomicityTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 6, 12, 0, 0, TimeSpan.Zero);
    private TemporaryDirectory _directory = null!;
    private LocalStore _store = null!;

    [SetUp]
    public void OpenStore()
    {
        _directory = new TemporaryDirectory();
        _store = LocalStore.Open(_directory.Path, RetentionPolicy.Default);
    }

    [TearDown]
    public void DeleteStore()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Test]
    public void AWriteThatFailsHalfwayLeavesThePreviousState()
    {
        var first = new RunResultBuilder(T0).Passed("disk", "Disk.Inodes").Failed("ntp", "Ntp.Drift").Build();
        _store.Write(first);
        var statesBefore = _store.CurrentStates();
        var historyBefore = _store.History();

        // The second "disk" result is rejected by the store only after the first one's rows and states are written.
        var rejected = new RunResultBuilder(T0.AddMinutes(1))
            .Failed("disk", "Disk.Inodes").Passed("ntp", "Ntp.Drift").DuplicatePlugin("disk")
            .Build();
        var error = Assert.Throws<StoreException>(() => _store.Write(rejected));

        Assert.That(error!.Message, Does.Contain(rejected.RunId).And.Contain(_store.DatabasePath));
        Assert.That(_store.Runs().Select(r => r.RunId), Is.EqualTo(new[] { first.RunId }));
        Assert.That(_store.CurrentStates(), Is.EqualTo(statesBefore));
        Assert.That(_store.History(), Is.EqualTo(historyBefore));
    }

    [Test]
    public void AfterARejectedWriteTheNextRunIsStored()
    {
        Assert.Throws<StoreException>(() =>
            _store.Write(new RunResultBuilder(T0).Passed("disk", "Disk.Free").DuplicatePlugin("disk").Build()));

        var next = new RunResultBuilder(T0.AddMinutes(1)).Passed("disk", "Disk.Free").Build();
        _store.Write(next);

        Assert.That(_store.LastRun()!.RunId, Is.EqualTo(next.RunId));
    }

    [Test]
    public void ARunIdThatIsAlreadyStoredIsRejectedWithoutChangingTheStoredRun()
    {
        var run = new RunResultBuilder(T0).WithRunId("20250106T120000.000Z-0001").Passed("disk", "Disk.Free").Build();
        _store.Write(run);

        Assert.Throws<StoreException>(() => _store.Write(
            new RunResultBuilder(T0.AddMinutes(1)).WithRunId(run.RunId).Failed("disk", "Disk.Free").Build()));

        Assert.That(_store.LastRun()!.Counts.Failed, Is.Zero);
        Assert.That(_store.CurrentStates().Single(s => s.FullName == "Disk.Free").Outcome,
            Is.EqualTo(NodeMonitor.Core.Results.TestOutcome.Passed));
    }
}
