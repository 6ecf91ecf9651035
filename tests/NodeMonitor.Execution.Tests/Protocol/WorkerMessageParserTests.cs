using System.Text;
using NodeMonitor.Core.Results;
using NodeMonitor.Execution.Protocol;
using static NodeMonitor.Execution.Tests.Protocol.ProtocolTestLines;

namespace NodeMonitor.Execution.Tests.Protocol;

/// <summary>The supervisor reads lines without the serializer: every message the worker's serializer writes must read back
/// to the same message, and anything else must be a protocol violation, never another exception.</summary>
public sealed class WorkerMessageParserTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 30, 15, 123, TimeSpan.FromHours(2));

    private static TestCaseResult FullResult() =>
        new("disk", "Disk.dll", "Disk.Checks.Free(\"/\",1)", "Disk.Checks", "Free", TestOutcome.Failed, "Error", "TearDown",
            Start.AddTicks(4567), new TimeSpan(1, 2, 3, 4, 567) + TimeSpan.FromTicks(8), "Expected: 1\n  But was: \"2\" \u00e9\u4e2d\U0001F600",
            "at Disk.Checks.Free() in /src/Checks.cs:line 12\r\n\tat <>c", "out\u0001\u001b[31m</xml>&", 7, ["disk", "", "\u00fcber"],
            [new("Owner", "ops"), new("Description", "free \"space\"")])
        {
            Metrics =
            [
                new TestMetric("disk_free_bytes", 1.5e12, MetricKind.Gauge, "bytes",
                    new Dictionary<string, string> { ["mount"] = "/", ["device"] = "sda1" }, Start, false),
                new TestMetric("disk_errors_total", -0.25, MetricKind.Counter, null, new Dictionary<string, string>(), null, true),
            ],
            RejectedMetrics = ["bad: no value"],
            Name = "Free(\"/\",1)",
            RunState = "Runnable",
            Suites = [new EnclosingSuite("TestSuite", "Disk", "Disk", null), new EnclosingSuite("TestFixture", "Checks", "Disk.Checks", "Disk.Checks")],
        };

    private static IEnumerable<string> LinesOfEveryKind() => EveryKindOfMessage().Select(Line);

    private static IEnumerable<WorkerMessage> EveryKindOfMessage()
    {
        yield return new AssemblyStartedMessage("Disk.dll", "4.2.0.0");
        yield return new AssemblyStartedMessage("Disk.dll", null);
        yield return new AssemblyLoadFailedMessage("More.dll", "More.dll: could not load \"Dep\"");
        yield return new AssemblyExploredMessage("Disk.dll", "4.2.0.0", 2, ["Disk.Checks.Free", "Disk.Checks.Used"]);
        yield return new SuiteStartedMessage("0-1001", "0-1000", "ParameterizedMethod", "Free", "Disk.Checks.Free", "Disk.Checks");
        yield return new SuiteStartedMessage("0-1000", null, "TestSuite", "Disk", "Disk", null);
        yield return new TestStartedMessage("Disk.Checks.Free(\"/\",1)");
        yield return new TestProgressMessage("Disk.Checks.Free", "checking /\n");
        yield return new TestFinishedMessage(FullResult());
        yield return new TestFinishedMessage(FullResult() with { Suites = null, Metrics = [], Name = null, Duration = TimeSpan.FromTicks(-5) }) { Suite = "0-1001" };
        yield return new TestFinishedMessage(new TestCaseResult("disk", "Disk.dll", "D.C.M", "D.C", "", TestOutcome.Passed, null, null,
            DateTimeOffset.UnixEpoch, TimeSpan.Zero, null, null, null, 0, [], []));
        yield return new WorkerDoneMessage();
        yield return new WorkerDoneMessage { Token = "0123456789abcdef" };
    }

    [TestCaseSource(nameof(LinesOfEveryKind))]
    public void EveryMessageTheWorkerWritesReadsBackToTheSameLine(string line) =>
        Assert.That(Line(WorkerMessageParser.Parse(Encoding.UTF8.GetBytes(line))), Is.EqualTo(line));

    [TestCaseSource(nameof(LinesOfEveryKind))]
    public void WhatTheWorkersWriterSendsReadsBackToTheSameMessage(string line)
    {
        var message = WorkerMessageParser.Parse(Encoding.UTF8.GetBytes(line));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer,
                   new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            WorkerMessageWriter.Write(json, message);
        Assert.That(Line(WorkerMessageParser.Parse(buffer.WrittenSpan)), Is.EqualTo(line));
    }

    [Test]
    public void EscapedNamesAndUnknownFieldsAreReadAsTheSerializerReadsThem()
    {
        // A newer worker may add fields: skipped, whatever their shape. Escaped property names mean the same name.
        string line = "{\"type\":\"testStarted\",\"Extra\":{\"a\":[1,{\"b\":null}],\"c\":\"d\"},\"Full\\u004eame\":\"A.B\",\"More\":[]}";
        var read = WorkerMessageParser.Parse(Encoding.UTF8.GetBytes(line));
        Assert.That(read, Is.EqualTo(new TestStartedMessage("A.B")));
    }

    [Test]
    public void AMissingFieldIsLeftForTheSequenceToRefuse()
    {
        var read = (TestFinishedMessage)WorkerMessageParser.Parse("{\"type\":\"testFinished\",\"Result\":{\"Plugin\":\"disk\"}}"u8);
        Assert.That(read.Result.FullName, Is.Null);
        Assert.That(read.Result.Categories, Is.Null);
        AssertViolation(Started(), "{\"type\":\"testFinished\",\"Result\":{\"Plugin\":\"disk\",\"Assembly\":\"Disk.dll\",\"FullName\":\"A.B\",\"ClassName\":\"A\",\"MethodName\":\"B\"}}",
            "a null category or property");
    }

    [TestCase("", "unreadable message")]
    [TestCase("   ", "unreadable message")]
    [TestCase("{}", "no type first")]
    [TestCase("{\"FullName\":\"a\",\"type\":\"testStarted\"}", "no type first")]
    [TestCase("{\"type\":7}", "unreadable message")]
    [TestCase("{\"type\":null}", "unreadable message")]
    [TestCase("{\"type\":\"TestStarted\",\"FullName\":\"a\"}", "unknown type 'TestStarted'")]
    [TestCase("{\"type\":\"testStarted\",\"FullName\":\"a\"}{\"type\":\"done\"}", "unreadable message")]
    [TestCase("{\"type\":\"testStarted\",\"FullName\":\"a\"} x", "unreadable message")]
    [TestCase("{\"type\":\"testStarted\",\"FullName\":\"a\"", "unreadable message")]
    [TestCase("{\"type\":\"testStarted\",\"FullName\":\"a\",}", "unreadable message")]
    [TestCase("{\"type\":\"testStarted\",/*x*/\"FullName\":\"a\"}", "unreadable message")]
    [TestCase("{\"type\":\"testStarted\",\"FullName\":\"a\",\"FullName\":\"b\"}", "FullName given twice")]
    [TestCase("{\"type\":\"testStarted\",\"FullName\":\"a\",\"Full\\u004eame\":\"b\"}", "FullName given twice")]
    [TestCase("{\"type\":\"testStarted\",\"FullName\":[\"a\"]}", "where text belongs")]
    [TestCase("{\"type\":\"testStarted\",\"FullName\":\"\\ud800\"}", "unreadable message")]
    [TestCase("{\"type\":\"testStarted\",\"FullName\":\"\\x\"}", "unreadable message")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":null}", "Result is null")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":[]}", "Result is a StartArray")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"Outcome\":\"Passed\"}}", "where a number belongs")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"Outcome\":1.5}}", "unreadable message")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"Outcome\":99999999999}}", "unreadable message")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"Asserts\":null}}", "where a number belongs")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"Duration\":\"1 second\"}}", "a duration that is not")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"Duration\":\" 00:00:01\"}}", "a duration that is not")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"Duration\":\"00:00:01x\"}}", "a duration that is not")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"Duration\":1}}", "where a duration belongs")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"StartTime\":\"yesterday\"}}", "unreadable message")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"StartTime\":null}}", "a time is null")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"Categories\":null}}", "Categories is null")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"Categories\":[1]}}", "Categories holds a Number")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"Properties\":[\"a\"]}}", "a property is a String")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"Metrics\":null}}", "Metrics is null")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"Metrics\":[null]}}", "a metric is null")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"Metrics\":[{\"Value\":1}]}}", "a metric without a name")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"Metrics\":[{\"Name\":\"m\",\"Kind\":9}]}}", "unknown kind 9")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"Metrics\":[{\"Name\":\"m\",\"Value\":\"NaN\"}]}}", "where a number belongs")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"Metrics\":[{\"Name\":\"m\",\"Labels\":{\"a\":\"1\",\"a\":\"2\"}}]}}", "a label given twice")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"Metrics\":[{\"Name\":\"m\",\"Labels\":{\"a\":null}}]}}", "a label is null")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"RejectedMetrics\":[null]}}", "RejectedMetrics holds a Null")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"Suites\":[null]}}", "a suite is null")]
    [TestCase("{\"type\":\"testFinished\",\"Result\":{\"Suites\":[{\"Type\":\"TestFixture\",\"Name\":\"C\"}]}}", "a suite without")]
    [TestCase("{\"type\":\"assemblyExplored\",\"Tests\":null}", "Tests is null")]
    [TestCase("{\"type\":\"done\",\"Token\":true}", "where text belongs")]
    public void MalformedLinesAreViolationsThatSayWhy(string line, string reason) =>
        Assert.That(() => WorkerMessageParser.Parse(Encoding.UTF8.GetBytes(line)),
            Throws.TypeOf<ProtocolViolationException>().With.Message.Contains(reason));

    [Test]
    public void NestingBeyondTheReadersDepthIsAViolation()
    {
        string deep = new string('[', 5000) + new string(']', 5000);
        Assert.That(() => WorkerMessageParser.Parse(Encoding.UTF8.GetBytes($"{{\"type\":\"done\",\"Extra\":{deep}}}")),
            Throws.TypeOf<ProtocolViolationException>().With.Message.Contains("unreadable message"));
    }

    [Test]
    public void EveryPrefixAndCorruptionOfALineIsReadOrRefusedNeverAnotherException()
    {
        byte[] line = Encoding.UTF8.GetBytes(Line(new TestFinishedMessage(FullResult()) { Suite = "0-1" }));
        const string JsonBytes = "{}[]\":,\\0-1.e \u007fnultrfa";
        var random = new Random(20260301);
        var variants = new List<byte[]>();
        for (int length = 0; length < line.Length; length++) variants.Add(line[..length]);
        for (int i = 0; i < 5000; i++)
        {
            byte[] corrupt = (byte[])line.Clone();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
                corrupt[random.Next(corrupt.Length)] = (byte)JsonBytes[random.Next(JsonBytes.Length)];
            variants.Add(corrupt);
        }
        int read = 0;
        foreach (var variant in variants)
        {
            try
            {
                WorkerMessageParser.Parse(variant);
                read++;
            }
            catch (ProtocolViolationException)
            {
            }
        }
        Assert.That(read, Is.LessThan(variants.Count), "most corruptions are refused");
    }
}
