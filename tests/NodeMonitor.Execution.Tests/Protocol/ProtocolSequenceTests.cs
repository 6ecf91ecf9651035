using NodeMonitor.Core.Results;
using NodeMonitor.Execution.Protocol;
using static NodeMonitor.Execution.Tests.Protocol.ProtocolTestLines;

namespace NodeMonitor.Execution.Tests.Protocol;

public sealed class ProtocolSequenceTests
{
    private static TestCaseResult Result(string plugin = "disk", string assembly = "Disk.dll", string fullName = "Disk.Checks.Free") =>
        new(plugin, assembly, fullName, "Disk.Checks", "Free", TestOutcome.Passed, null, null, DateTimeOffset.UnixEpoch,
            TimeSpan.FromSeconds(1), null, null, null, 1, ["disk"], [new("Owner", "ops")]);

    [Test]
    public void AWholeRunAsTheWorkerWritesItIsAccepted()
    {
        var sequence = Started();
        var messages = new WorkerMessage[]
        {
            new TestStartedMessage("Disk.Checks.Free"), new TestProgressMessage("Disk.Checks.Free", "checking /"),
            new TestFinishedMessage(Result()), new AssemblyLoadFailedMessage("More.dll", "More.dll: missing dependency"),
            new WorkerDoneMessage(),
        };
        foreach (var m in messages) Assert.That(sequence.Accept(Line(m)), Is.EqualTo(m).Or.TypeOf(m.GetType()));
    }

    [TestCase("{\"type\":\"testFinished\"}", "testFinished without a result")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"Plugin\":\"disk\",\"Assembly\":\"Disk.dll\"}}", "fullName is missing")]
    [TestCase("{\"type\":\"testStarted\"}", "testStarted.fullName is missing")]
    [TestCase("{\"type\":\"testStarted\",\"FullName\":null}", "unreadable message")]
    [TestCase("{\"type\":\"rootkit\"}", "unreadable message")]
    [TestCase("not json at all", "unreadable message")]
    [TestCase("null", "unreadable message")]
    [TestCase("[]", "unreadable message")]
    [TestCase("{\"FullName\":\"a\"}", "unreadable message")]
    [TestCase("{\"type\":\"testStarted\",\"FullName\":\"\"}", "testStarted.fullName is missing or empty")]
    public void MalformedMessagesAreViolations(string line, string reason) => AssertViolation(Started(), line, reason);

    [Test]
    public void ATestBeforeItsAssemblyIsAViolation() =>
        AssertViolation(new ProtocolSequence(RunRequest), Line(new TestStartedMessage("Disk.Checks.Free")), "before any assemblyStarted");

    [Test]
    public void AnythingAfterDoneIsAViolation()
    {
        var sequence = Started();
        sequence.Accept(Line(new WorkerDoneMessage()));
        AssertViolation(sequence, Line(new TestFinishedMessage(Result())), "after the worker's done message");
    }

    [Test]
    public void AResultForAnotherPluginIsAViolation() =>
        AssertViolation(Started(), Line(new TestFinishedMessage(Result(plugin: "linux-health"))), "a result for plugin 'linux-health'");

    [Test]
    public void AResultForAnAssemblyThatIsNotRunningIsAViolation() =>
        AssertViolation(Started(), Line(new TestFinishedMessage(Result(assembly: "More.dll"))), "while Disk.dll runs");

    [Test]
    public void AnAssemblyThatWasNotRequestedIsAViolation() =>
        AssertViolation(new ProtocolSequence(RunRequest), Line(new AssemblyStartedMessage("../etc/Evil.dll", null)), "was not requested");

    [Test]
    public void AnAssemblyStartedTwiceIsAViolation() =>
        AssertViolation(Started(), Line(new AssemblyStartedMessage("Disk.dll", null)), "started twice");

    [Test]
    public void AnUnknownOutcomeIsAViolation()
    {
        string line = Line(new TestFinishedMessage(Result())).Replace("\"Outcome\":0", "\"Outcome\":77", StringComparison.Ordinal);
        Assert.That(line, Does.Contain("\"Outcome\":77"), "the outcome is serialized as a number");
        AssertViolation(Started(), line, "unknown outcome 77");
    }

    [Test]
    public void ExplorationMessagesAreRefusedInRunModeAndRunMessagesInExploreMode()
    {
        AssertViolation(Started(), Line(new AssemblyExploredMessage("Disk.dll", null, 1, ["a"])), "assemblyExplored in run mode");
        var explore = new ProtocolSequence(RunRequest with { Mode = WorkerMode.Explore });
        AssertViolation(explore, Line(new AssemblyStartedMessage("Disk.dll", null)), "assemblyStarted in explore mode");
    }

    [Test]
    public void ResultsBeyondThePluginBudgetAreAViolation()
    {
        var sequence = Started();
        string big = new('o', 512 * 1024);
        string line = Line(new TestFinishedMessage(Result() with { Output = big }));
        long accepted = 0;
        Assert.That(() =>
        {
            while (true) { sequence.Accept(line); accepted += line.Length; }
        }, Throws.TypeOf<ProtocolViolationException>().With.Message.Contains("MiB of results"));
        Assert.That(accepted, Is.LessThanOrEqualTo(ProtocolLimits.MaxKeptBytesPerPlugin));
    }
}
