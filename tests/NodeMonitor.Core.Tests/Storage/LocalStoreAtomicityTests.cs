using NUnit.Framework;
using NodeMonitor.Core.Storage;
using NodeMonitor.Core.Tests.Support;

// Not NodeMonitor.Core.Tests.Storage: that would shadow NodeMonitor.Core.Storage for "Storage.X" in sibling test namespaces.
namespace NodeMonitor.Core.Tests.LocalStorage;

public sealed class LocalStoreAtomicityTests : OpenStoreTestBase
{
    [Test]
    public void AWriteThatFailsHalfwayLeavesThePreviousState()
    {
        var first = new RunResultBuilder(T0).Passed("disk", "Disk.Inodes").Failed("ntp", "Ntp.Drift").Build();
        Store.Write(first);
        var statesBefore = Store.CurrentStates();
        var historyBefore = Store.History();

        // The second "disk" result is rejected by the store only after the first one's rows and states are written.
        var rejected = new RunResultBuilder(T0.AddMinutes(1))
            .Failed("disk", "Disk.Inodes").Passed("ntp", "Ntp.Drift").DuplicatePlugin("disk")
            .Build();
        var error = Assert.Throws<StoreException>(() => Store.Write(rejected));

        Assert.That(error!.Message, Does.Contain(rejected.RunId).And.Contain(Store.DatabasePath));
        Assert.That(Store.Runs().Select(r => r.RunId), Is.EqualTo(new[] { first.RunId }));
        Assert.That(Store.CurrentStates(), Is.EqualTo(statesBefore));
        Assert.That(Store.History(), Is.EqualTo(historyBefore));
    }

    [Test]
    public void AfterARejectedWriteTheNextRunIsStored()
    {
        Assert.Throws<StoreException>(() =>
            Store.Write(new RunResultBuilder(T0).Passed("disk", "Disk.Free").DuplicatePlugin("disk").Build()));

        var next = new RunResultBuilder(T0.AddMinutes(1)).Passed("disk", "Disk.Free").Build();
        Store.Write(next);

        Assert.That(Store.LastRun()!.RunId, Is.EqualTo(next.RunId));
    }

    [Test]
    public void ARunIdThatIsAlreadyStoredIsRejectedWithoutChangingTheStoredRun()
    {
        var run = new RunResultBuilder(T0).WithRunId("20250106T120000.000Z-0001").Passed("disk", "Disk.Free").Build();
        Store.Write(run);

        Assert.Throws<StoreException>(() => Store.Write(
            new RunResultBuilder(T0.AddMinutes(1)).WithRunId(run.RunId).Failed("disk", "Disk.Free").Build()));

        Assert.That(Store.LastRun()!.Counts.Failed, Is.Zero);
        Assert.That(Store.CurrentStates().Single(s => s.FullName == "Disk.Free").Outcome,
            Is.EqualTo(NodeMonitor.Core.Results.TestOutcome.Passed));
    }
}
