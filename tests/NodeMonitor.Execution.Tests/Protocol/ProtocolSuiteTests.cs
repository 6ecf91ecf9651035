using NodeMonitor.Core.Results;
using NodeMonitor.Execution.Hosting;
using NodeMonitor.Execution.NUnit;
using NodeMonitor.Execution.Protocol;
using static NodeMonitor.Execution.Tests.Protocol.ProtocolTestLines;

namespace NodeMonitor.Execution.Tests.Protocol;

/// <summary>Suites travel once each (suiteStarted) and cases name theirs by id; the supervisor rebuilds each case's
/// enclosing suites and refuses ids it was not told about.</summary>
public sealed class ProtocolSuiteTests
{
    private static TestCaseResult Result(string assembly = "Disk.dll", string fullName = "Disk.Checks.Free(1)") =>
        new("disk", assembly, fullName, "Disk.Checks", "Free", TestOutcome.Passed, null, null, DateTimeOffset.UnixEpoch,
            TimeSpan.FromSeconds(1), null, null, null, 1, [], []);

    private static TestFinishedMessage Finished(string suite, string fullName = "Disk.Checks.Free(1)") =>
        new(Result(fullName: fullName)) { Suite = suite };

    private static ProtocolSequence WithFixture()
    {
        var sequence = Started();
        sequence.Accept(Line(new SuiteStartedMessage("0-1", null, "TestSuite", "Disk", "Disk", null)));
        sequence.Accept(Line(new SuiteStartedMessage("0-2", "0-1", "TestFixture", "Checks", "Disk.Checks", "Disk.Checks")));
        return sequence;
    }

    [Test]
    public void ACaseNamingItsSuiteGetsEveryEnclosingSuiteOutermostFirst()
    {
        var sequence = WithFixture();
        sequence.Accept(Line(new SuiteStartedMessage("0-3", "0-2", "ParameterizedMethod", "Free", "Disk.Checks.Free", "Disk.Checks")));

        var first = (TestFinishedMessage)sequence.Accept(Line(Finished("0-3")));
        var second = (TestFinishedMessage)sequence.Accept(Line(Finished("0-3", "Disk.Checks.Free(2)")));
        var plain = (TestFinishedMessage)sequence.Accept(Line(Finished("0-2", "Disk.Checks.Used")));

        Assert.That(first.Result.Suites, Is.EqualTo(new[]
        {
            new EnclosingSuite("TestSuite", "Disk", "Disk", null),
            new EnclosingSuite("TestFixture", "Checks", "Disk.Checks", "Disk.Checks"),
            new EnclosingSuite("ParameterizedMethod", "Free", "Disk.Checks.Free", "Disk.Checks"),
        }));
        Assert.That(second.Result.Suites, Is.EqualTo(first.Result.Suites));
        Assert.That(plain.Result.Suites!.Select(s => s.FullName), Is.EqualTo(new[] { "Disk", "Disk.Checks" }));
        Assert.That(first.Result.FullName, Is.EqualTo("Disk.Checks.Free(1)"));
    }

    [Test]
    public void ACaseWithoutASuiteIdKeepsWhatItCarries()
    {
        var suites = new[] { new EnclosingSuite("TestFixture", "Checks", "Disk.Checks", "Disk.Checks") };
        var inline = (TestFinishedMessage)Started().Accept(Line(new TestFinishedMessage(Result() with { Suites = suites })));
        var none = (TestFinishedMessage)Started().Accept(Line(new TestFinishedMessage(Result())));

        Assert.That(inline.Result.Suites, Is.EqualTo(suites));
        Assert.That(none.Result.Suites, Is.Null);
    }

    [Test]
    public void AnUnknownSuiteIdIsAViolation() =>
        AssertViolation(WithFixture(), Finished("0-99"), "a result in unknown suite '0-99'");

    [Test]
    public void ASuiteStartedTwiceIsAViolation() =>
        AssertViolation(WithFixture(), new SuiteStartedMessage("0-2", "0-1", "TestFixture", "Other", "Disk.Other", "Disk.Other"),
            "suite '0-2' started twice");

    [Test]
    public void ASuiteInsideAnUnknownSuiteIsAViolation() =>
        AssertViolation(WithFixture(), new SuiteStartedMessage("0-3", "0-42", "TestFixture", "Other", "Disk.Other", "Disk.Other"),
            "inside unknown suite '0-42'");

    [Test]
    public void ACaseWithASuiteIdAndSuitesOfItsOwnIsAViolation() =>
        AssertViolation(WithFixture(), Finished("0-2") with { Result = Result() with { Suites = [] } }, "both a suite id and suites");

    [Test]
    public void SuiteIdsBelongToTheirAssembly()
    {
        var sequence = WithFixture();
        sequence.Accept(Line(new AssemblyStartedMessage("More.dll", null)));

        AssertViolation(sequence, new TestFinishedMessage(Result(assembly: "More.dll")) { Suite = "0-2" }, "unknown suite '0-2'");
        sequence.Accept(Line(new SuiteStartedMessage("0-2", null, "TestFixture", "More", "More", "More")));
        var result = (TestFinishedMessage)sequence.Accept(Line(new TestFinishedMessage(Result(assembly: "More.dll")) { Suite = "0-2" }));
        Assert.That(result.Result.Suites!.Single().FullName, Is.EqualTo("More"));
    }

    [Test]
    public void ASuiteBeforeItsAssemblyOrWhileExploringIsAViolation()
    {
        var suite = new SuiteStartedMessage("0-1", null, "TestFixture", "Checks", "Disk.Checks", "Disk.Checks");
        AssertViolation(new ProtocolSequence(RunRequest), suite, "suiteStarted before any assemblyStarted");
        AssertViolation(new ProtocolSequence(RunRequest with { Mode = WorkerMode.Explore }), suite, "suiteStarted in explore mode");
    }

    [TestCase("{\"type\":\"suiteStarted\",\"Type\":\"TestFixture\",\"Name\":\"a\",\"FullName\":\"a\"}", "suiteStarted.id is missing")]
    [TestCase("{\"type\":\"suiteStarted\",\"Id\":\"\",\"Type\":\"TestFixture\",\"Name\":\"a\",\"FullName\":\"a\"}", "suiteStarted.id is missing")]
    [TestCase("{\"type\":\"suiteStarted\",\"Id\":\"0-1\",\"Name\":\"a\",\"FullName\":\"a\"}", "suiteStarted.type is missing")]
    [TestCase("{\"type\":\"suiteStarted\",\"Id\":\"0-1\",\"Type\":\"TestFixture\",\"FullName\":\"a\"}", "without a name")]
    [TestCase("{\"type\":\"suiteStarted\",\"Id\":\"0-1\",\"Type\":\"TestFixture\",\"Name\":\"a\"}", "without a name")]
    [TestCase("{\"type\":\"suiteStarted\",\"Id\":null,\"Type\":\"TestFixture\",\"Name\":\"a\",\"FullName\":\"a\"}", "unreadable message")]
    public void MalformedSuitesAreViolations(string line, string reason) => AssertViolation(Started(), line, reason);

    [Test]
    public void SuitesCountAgainstThePluginBudgetWithTheirDepth()
    {
        // Each suite inside the previous one: the lines stay short, the paths the supervisor keeps grow.
        var sequence = Started();
        int accepted = 0;
        long lineBytes = 0;
        Assert.That(() =>
        {
            for (string? parent = null; ; accepted++)
            {
                string id = $"s{accepted}";
                string line = Line(new SuiteStartedMessage(id, parent, "TestSuite", "n", "n", null));
                sequence.Accept(line);
                lineBytes += line.Length;
                parent = id;
            }
        }, Throws.TypeOf<ProtocolViolationException>().With.Message.Contains("MiB of results"));
        Assert.That(lineBytes, Is.LessThan(ProtocolLimits.MaxKeptBytesPerPlugin / 10),
            "the paths' memory is charged, not only the lines");
    }

    [Test]
    public void TheWorkersSuitesAndCasesRebuildTheSuitesNUnitReported()
    {
        string[] events =
        [
            """<start-suite id="0-1005" parentId="" name="Disk.dll" fullname="/p/disk/Disk.dll" type="Assembly" />""",
            """<start-suite id="0-1001" parentId="0-1005" name="Disk" fullname="Disk" type="TestSuite" />""",
            """<start-suite id="0-1002" parentId="0-1001" name="Checks" fullname="Disk.Checks" classname="Disk.Checks" type="TestFixture" />""",
            """<start-suite id="0-1003" parentId="0-1002" name="Free" fullname="Disk.Checks.Free" classname="Disk.Checks" type="ParameterizedMethod" />""",
            """<test-case id="0-1004" parentId="0-1003" name="Free(1)" fullname="Disk.Checks.Free(1)" methodname="Free" classname="Disk.Base" result="Passed" />""",
            """<test-case id="0-1006" parentId="0-1002" name="Used" fullname="Disk.Checks.Used" methodname="Used" classname="Disk.Checks" result="Passed" />""",
            """<test-case id="0-1007" parentId="0-1099" name="Lost" fullname="Disk.Lost" methodname="Lost" classname="Disk.Lost" result="Passed" />""",
        ];
        var direct = new List<NUnitEvent>();
        var directTranslator = new NUnitEventTranslator(direct.Add, "disk", "Disk.dll");
        var lines = new List<string> { Line(new AssemblyStartedMessage("Disk.dll", null)) };
        var forwarder = new WorkerEventForwarder(m => lines.Add(Line(m)), TextWriter.Null);
        var workerTranslator = new NUnitEventTranslator(forwarder.On, "disk", "Disk.dll");
        foreach (string e in events)
        {
            directTranslator.OnEvent(e);
            workerTranslator.OnEvent(e);
        }

        var sequence = new ProtocolSequence(RunRequest);
        var received = lines.Select(sequence.Accept).OfType<TestFinishedMessage>().Select(f => f.Result).ToList();
        var expected = direct.OfType<NUnitTestFinished>().Select(f => f.Result).ToList();
        Assert.That(expected.Select(r => r.Suites?.Count), Is.EqualTo(new int?[] { 3, 2, null }), "NUnit's own suites, as the translator reads them");
        Assert.That(received.Select(r => r.FullName), Is.EqualTo(expected.Select(r => r.FullName)));
        Assert.That(received.Select(r => r.Suites), Is.EqualTo(expected.Select(r => r.Suites)));
        Assert.That(lines.Count(l => l.Contains("\"type\":\"suiteStarted\"", StringComparison.Ordinal)), Is.EqualTo(3), "each suite once");
        Assert.That(lines.Where(l => l.Contains("\"type\":\"testFinished\"", StringComparison.Ordinal)),
            Has.None.Contains("TestFixture"), "cases name their suite instead of repeating it");
    }
}
