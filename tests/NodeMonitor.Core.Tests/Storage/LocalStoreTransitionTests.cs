using NUnit.Framework;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;
using NodeMonitor.Core.Tests.Support;

// Not NodeMonitor.Core.Tests.Storage: that would shadow NodeMonitor.Core.Storage for "Storage.X" in sibling test namespaces.
namespace NodeMonitor.Core.Tests.LocalStorage;

public sealed class LocalStoreTransitionTests : OpenStoreTestBase
{
    [Test]
    public void EachStateChangeIsRecordedExactlyOnce()
    {
        // pass, fail, fail, pass, pass
        WriteDiskInodes(0, TestOutcome.Passed);
        WriteDiskInodes(1, TestOutcome.Failed);
        WriteDiskInodes(2, TestOutcome.Failed);
        WriteDiskInodes(3, TestOutcome.Passed);
        WriteDiskInodes(4, TestOutcome.Passed);

        var transitions = Store.History().Where(r => r.IsTransition)
            .Select(r => (r.Time, r.PreviousOutcome, r.Outcome)).ToList();

        Assert.That(transitions, Is.EqualTo(new[]
        {
            (T0.AddMinutes(3), (TestOutcome?)TestOutcome.Failed, TestOutcome.Passed),
            (T0.AddMinutes(1), (TestOutcome?)TestOutcome.Passed, TestOutcome.Failed),
        }));
        Assert.That(Store.History(), Has.Count.EqualTo(3), "two transitions and the repeated failure");
    }

    [Test]
    public void ATestSeenForTheFirstTimeIsNotATransition()
    {
        WriteDiskInodes(0, TestOutcome.Failed);

        Assert.That(Store.History().Single().PreviousOutcome, Is.Null);
    }

    [Test]
    public void AChangeBetweenTwoNonPassingOutcomesIsATransition()
    {
        WriteDiskInodes(0, TestOutcome.Warning);
        WriteDiskInodes(1, TestOutcome.Failed);

        Assert.That(Store.LastRun()!.Tests.Single().PreviousOutcome, Is.EqualTo(TestOutcome.Warning));
    }

    [Test]
    public void AnUnchangedTestMovesOnlyItsLastSighting()
    {
        WriteDiskInodes(0, TestOutcome.Passed);
        WriteDiskInodes(1, TestOutcome.Passed);
        WriteDiskInodes(2, TestOutcome.Passed);

        var state = DiskInodesState();

        Assert.That((state.Outcome, state.Since, state.LastSeen), Is.EqualTo((TestOutcome.Passed, T0, T0.AddMinutes(2))));
    }

    [Test]
    public void TheCurrentStateKnowsSinceWhenAndHowOftenATestFailed()
    {
        WriteDiskInodes(0, TestOutcome.Passed);
        WriteDiskInodes(1, TestOutcome.Failed);
        WriteDiskInodes(2, TestOutcome.Failed);
        WriteDiskInodes(3, TestOutcome.Failed);

        var state = DiskInodesState();

        Assert.That(state.Outcome, Is.EqualTo(TestOutcome.Failed));
        Assert.That(state.Since, Is.EqualTo(T0.AddMinutes(1)));
        Assert.That(state.LastSeen, Is.EqualTo(T0.AddMinutes(3)));
        Assert.That(state.ConsecutiveFailures, Is.EqualTo(3));
        Assert.That(state.Message, Is.EqualTo("inodes 92% used"));
    }

    [Test]
    public void RecoveringResetsTheFailureCountAndTheMessage()
    {
        WriteDiskInodes(0, TestOutcome.Failed);
        WriteDiskInodes(1, TestOutcome.Passed);

        var state = DiskInodesState();

        Assert.That((state.Outcome, state.Since, state.ConsecutiveFailures, state.Message),
            Is.EqualTo((TestOutcome.Passed, T0.AddMinutes(1), 0, (string?)null)));
    }

    [Test]
    public void APluginThatRecoversRecordsAFailToPassTransitionForThePluginItself()
    {
        Store.Write(new RunResultBuilder(T0).PluginError("ntp", PluginStatus.LoadFailed, "missing NUnit").Build());
        Store.Write(new RunResultBuilder(T0.AddMinutes(1)).Passed("ntp", "Ntp.Synchronized").Build());

        var row = Store.LastRun()!.Tests.Single();

        Assert.That((row.FullName, row.PreviousOutcome, row.Outcome),
            Is.EqualTo((TestState.PluginLevelName, (TestOutcome?)TestOutcome.Failed, TestOutcome.Passed)));
    }

    [Test]
    public void CurrentStatesListFailingTestsFirst()
    {
        Store.Write(new RunResultBuilder(T0)
            .Passed("a", "A.Passes").Test("a", "A.Skips", TestOutcome.Skipped).Test("b", "B.Warns", TestOutcome.Warning)
            .Failed("c", "C.Fails")
            .Build());

        var outcomes = Store.CurrentStates().Select(s => s.Outcome).ToList();

        Assert.That(outcomes.Take(3), Is.EqualTo(new[] { TestOutcome.Failed, TestOutcome.Warning, TestOutcome.Skipped }));
        Assert.That(outcomes.Skip(3), Is.All.EqualTo(TestOutcome.Passed));
    }

    private void WriteDiskInodes(int minute, TestOutcome outcome) =>
        Store.Write(new RunResultBuilder(T0.AddMinutes(minute))
            .Test("disk", "Disk.Inodes", outcome, outcome == TestOutcome.Passed ? null : "inodes 92% used")
            .Build());

    private TestState DiskInodesState() => Store.CurrentStates().Single(s => s.FullName == "Disk.Inodes");
}
