using NUnit.Framework;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;
using NodeMonitor.Core.Tests.Support;

// Not NodeMonitor.Core.Tests.Storage: that would shadow NodeMonitor.Core.Storage for "Storage.X" in sibling test namespaces.
namespace NodeMonitor.Core.Tests.LocalStorage;

public sealed class LocalStoreWriteTests : OpenStoreTestBase
{
    [Test]
    public void ARunIsReadBackWithItsSummaryAndPluginSummaries()
    {
        var run = new RunResultBuilder(T0).OnNode("web-3")
            .Passed("disk", "Disk.Free").Failed("disk", "Disk.Inodes")
            .Passed("ntp", "Ntp.Synchronized").Test("ntp", "Ntp.Drift", TestOutcome.Warning, "drift 80 ms")
            .Build();

        Store.Write(run);

        var stored = Store.LastRun()!;
        Assert.That(stored.RunId, Is.EqualTo(run.RunId));
        Assert.That(stored.Node, Is.EqualTo("web-3"));
        Assert.That(stored.StartTime, Is.EqualTo(run.StartTime));
        Assert.That(stored.EndTime, Is.EqualTo(run.EndTime));
        Assert.That(stored.Passed, Is.False);
        Assert.That(stored.Counts, Is.EqualTo(new OutcomeCounts(4, 2, 1, 1, 0, 0)));
        Assert.That(stored.Plugins, Is.EqualTo(new[]
        {
            new StoredPluginRun("disk", PluginStatus.Completed, null, null, TimeSpan.FromSeconds(2), new OutcomeCounts(2, 1, 1, 0, 0, 0)),
            new StoredPluginRun("ntp", PluginStatus.Completed, null, null, TimeSpan.FromSeconds(2), new OutcomeCounts(2, 1, 0, 1, 0, 0)),
        }));
    }

    [Test]
    public void PassingTestsProduceNoPerTestRows()
    {
        Store.Write(new RunResultBuilder(T0).Passed("disk", "Disk.Free").Passed("ntp", "Ntp.Synchronized").Build());
        Store.Write(new RunResultBuilder(T0.AddMinutes(1)).Passed("disk", "Disk.Free").Passed("ntp", "Ntp.Synchronized").Build());

        Assert.That(Store.LastRun()!.Tests, Is.Empty);
        Assert.That(Store.History(), Is.Empty);
        Assert.That(Store.LastRun()!.Counts.Passed, Is.EqualTo(2));
    }

    [Test]
    public void EveryNonPassingResultGetsARowInEveryRun()
    {
        for (int i = 0; i < 3; i++)
        {
            Store.Write(new RunResultBuilder(T0.AddMinutes(i))
                .Failed("disk", "Disk.Inodes", "92% used")
                .Test("disk", "Disk.Smart", TestOutcome.Skipped, "no smartctl")
                .Build());
        }

        var history = Store.History();
        Assert.That(history, Has.Count.EqualTo(6));
        Assert.That(history.Select(r => r.Time), Is.Ordered.Descending);
        Assert.That(Store.LastRun()!.Tests.Select(t => (t.FullName, t.Outcome, t.Message)),
            Is.EquivalentTo(new[] { ("Disk.Inodes", TestOutcome.Failed, "92% used"), ("Disk.Smart", TestOutcome.Skipped, "no smartctl") }));
    }

    [Test]
    public void OutputIsKeptOnlyForFailures()
    {
        Store.Write(new RunResultBuilder(T0)
            .Failed("disk", "Disk.Inodes", output: "df -i: 92%")
            .Test("disk", "Disk.Latency", TestOutcome.Warning, "slow", output: "iostat: 40 ms")
            .Build());
        Store.Write(new RunResultBuilder(T0.AddMinutes(1))
            .Test("disk", "Disk.Inodes", TestOutcome.Passed, output: "df -i: 40%")
            .Test("disk", "Disk.Latency", TestOutcome.Warning, "slow", output: "iostat: 40 ms")
            .Build());

        var outputs = Store.History().ToDictionary(r => (r.FullName, r.Time), r => r.Output);
        Assert.That(outputs[("Disk.Inodes", T0)], Is.EqualTo("df -i: 92%"));
        Assert.That(outputs[("Disk.Latency", T0)], Is.Null);
        Assert.That(outputs[("Disk.Inodes", T0.AddMinutes(1))], Is.Null, "the fail to pass transition row");
        Assert.That(outputs[("Disk.Latency", T0.AddMinutes(1))], Is.Null);
    }

    [Test]
    public void AFailureRowKeepsMessageStackTraceLabelAndSite()
    {
        Store.Write(new RunResultBuilder(T0).Failed("disk", "Disk.Inodes", "92% used").Build());

        var row = Store.History().Single();

        Assert.That(row.Message, Is.EqualTo("92% used"));
        Assert.That(row.StackTrace, Does.Contain("Checks.cs:line 12"));
        Assert.That(row.Site, Is.EqualTo("Test"));
        Assert.That(row.Plugin, Is.EqualTo("disk"));
        Assert.That(row.Duration, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
        Assert.That(row.RunId, Is.EqualTo(Store.LastRun()!.RunId));
    }

    [Test]
    public void AnErroredPluginIsAFailingPluginLevelStateWithItsErrorAndOutput()
    {
        Store.Write(new RunResultBuilder(T0).Passed("disk", "Disk.Free").Passed("ntp", "Ntp.Synchronized").Build());
        Store.Write(new RunResultBuilder(T0.AddMinutes(1))
            .Passed("disk", "Disk.Free")
            .PluginError("ntp", PluginStatus.TimedOut, "ran past its timeout of 00:01:00", capturedOutput: "worker log")
            .Build());

        var state = Store.CurrentStates().First();
        Assert.That((state.Plugin, state.FullName, state.Outcome), Is.EqualTo(("ntp", TestState.PluginLevelName, TestOutcome.Failed)));
        Assert.That(state.Message, Does.Contain("ran past its timeout"));
        Assert.That(state.IsPluginLevel, Is.True);

        var row = Store.LastRun()!.Tests.Single();
        Assert.That((row.FullName, row.Label, row.Output, row.PreviousOutcome),
            Is.EqualTo((TestState.PluginLevelName, "TimedOut", "worker log", TestOutcome.Passed)));
        Assert.That(Store.LastRun()!.Plugins.Single(p => p.Name == "ntp").Status, Is.EqualTo(PluginStatus.TimedOut));
        Assert.That(Store.LastRun()!.Passed, Is.False);
    }

    [Test]
    public void TestsThatAnErroredPluginDidNotRunKeepTheirLastState()
    {
        Store.Write(new RunResultBuilder(T0).Passed("ntp", "Ntp.Synchronized").Build());
        Store.Write(new RunResultBuilder(T0.AddMinutes(1)).PluginError("ntp", PluginStatus.Crashed, "exit code 134").Build());

        var state = Store.CurrentStates().Single(s => s.FullName == "Ntp.Synchronized");

        Assert.That((state.Outcome, state.LastSeen), Is.EqualTo((TestOutcome.Passed, T0)));
    }

    [Test]
    public void RunsAreListedNewestFirstFromTheGivenTime()
    {
        for (int i = 0; i < 5; i++) Store.Write(new RunResultBuilder(T0.AddMinutes(i)).Passed("disk", "Disk.Free").Build());

        var runs = Store.Runs(since: T0.AddMinutes(2));

        Assert.That(runs.Select(r => r.StartTime), Is.EqualTo(new[] { T0.AddMinutes(4), T0.AddMinutes(3), T0.AddMinutes(2) }));
        Assert.That(Store.Runs(limit: 2), Has.Count.EqualTo(2));
        Assert.That(Store.LastRun()!.StartTime, Is.EqualTo(T0.AddMinutes(4)));
    }

    [Test]
    public void HistoryFiltersByPluginAndByAnyPartOfTheTestNameIgnoringCase()
    {
        Store.Write(new RunResultBuilder(T0)
            .Failed("disk", "Checks.Disk.RootHasFreeSpace").Failed("disk", "Checks.Disk.InodesLeft")
            .Failed("ntp", "Checks.Ntp.ClockHasFreeSpace")
            .Build());

        Assert.That(Store.History(plugin: "disk").Select(r => r.FullName),
            Is.EquivalentTo(new[] { "Checks.Disk.RootHasFreeSpace", "Checks.Disk.InodesLeft" }));
        Assert.That(Store.History(test: "freespace").Select(r => r.FullName),
            Is.EquivalentTo(new[] { "Checks.Disk.RootHasFreeSpace", "Checks.Ntp.ClockHasFreeSpace" }));
        Assert.That(Store.History(plugin: "disk", test: "Checks.Disk.InodesLeft").Select(r => r.FullName),
            Is.EqualTo(new[] { "Checks.Disk.InodesLeft" }));
        Assert.That(Store.History(since: T0.AddSeconds(1)), Is.Empty);
        Assert.That(Store.History(limit: 1), Has.Count.EqualTo(1));
    }

    [Test]
    public void AnOversizedOutputIsCappedBeforeItIsStored()
    {
        string output = new('o', OutputLimits.TestOutputChars * 2);

        Store.Write(new RunResultBuilder(T0).Failed("disk", "Disk.Inodes", output: output).Build());

        Assert.That(Store.History().Single().Output!.Length, Is.LessThan(OutputLimits.TestOutputChars + 100));
    }
}
