using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodeMonitor.Core.Results;
using NodeMonitor.Execution.Protocol;

namespace NodeMonitor.Execution.Tests.Protocol;

public sealed class ProtocolWriterTests
{
    private static string Json(WorkerMessage message) => ProtocolTestLines.Line(message);

    private static TestCaseResult Result(string text) =>
        new("disk", "Disk.dll", $"Disk.Checks<T>.Free(\"{text}\")", "Disk.Checks`1", "Free", TestOutcome.Failed, "Error", "TearDown",
            new DateTimeOffset(2026, 3, 4, 5, 6, 7, 890, TimeSpan.Zero), TimeSpan.FromMilliseconds(1234.5678), text, "at Free()\n" + text,
            text, 3, ["disk", text], [new("Owner", text)])
        {
            Name = $"Free(\"{text}\")", RunState = "Runnable", RejectedMetrics = [text],
            Metrics = [new TestMetric("free_bytes", 1.5, MetricKind.Gauge, "B", new Dictionary<string, string> { ["mount"] = text }, null)],
        };

    private static WorkerMessage[] RunMessages(string text)
    {
        var suites = new[] { new EnclosingSuite("TestFixture", text, text, text), new EnclosingSuite("ParameterizedMethod", text, text, null) };
        return
        [
            new AssemblyStartedMessage("Disk.dll", "4.2.0"),
            new SuiteStartedMessage("0-1", null, "TestFixture", text, text, text),
            new SuiteStartedMessage("0-2", "0-1", "ParameterizedMethod", text, text, null),
            new TestStartedMessage(text),
            new TestProgressMessage(text, text),
            new TestFinishedMessage(Result(text)) { Suite = "0-1" },
            new TestFinishedMessage(Result(text) with { Suites = suites }),
            new TestFinishedMessage(Result(text) with { Label = null, Site = null, Message = null, Output = null, Name = null, RunState = null }),
            new TestFinishedMessage(Result(text) with { Categories = [], Properties = [], Metrics = [], RejectedMetrics = [] }),
            new AssemblyLoadFailedMessage("Disk.dll", text),
            new WorkerDoneMessage { Token = text },
        ];
    }

    private static WorkerMessage[] Everything(string text) =>
    [
        .. RunMessages(text),
        new AssemblyStartedMessage(text, null),
        new AssemblyExploredMessage(text, "4.2.0", 3, [text, "", text]),
        new AssemblyExploredMessage(text, null, 0, []),
        new WorkerDoneMessage(),
    ];

    // What the serializer of the protocol's own contract writes through the same writer settings as the worker's.
    private static byte[] SerializerBytes(WorkerMessage message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            JsonSerializer.Serialize(json, message, WorkerMessageJson.Default.WorkerMessage);
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static byte[] WrittenBytes(WorkerMessage message)
    {
        using var channel = new MemoryStream();
        using (var writer = new ProtocolWriter(channel)) writer.Send(message);
        return channel.ToArray();
    }

    [TestCase("plain")]
    [TestCase("")]
    [TestCase("line one\nline two\r\n\ttab \u0001 \u007f \u001b[31mred\u001b[0m \0 nul")]
    [TestCase("<tag attr='1' & \"quoted\"> + `tick` \\ backslash / slash")]
    [TestCase("unicode é ü 日本語 🚀 \u2028 \u2029 \ufeff \uffff")]
    [TestCase("lone surrogates \ud800 and \udfff, reversed pair \udc00\ud800")]
    public void EveryMessageKindIsWrittenByteForByteAsTheProtocolSerializerWritesIt(string text)
    {
        foreach (var message in Everything(text))
            Assert.That(WrittenBytes(message), Is.EqualTo(SerializerBytes(message)), message.GetType().Name);
    }

    [Test]
    public void HugeTextsAreWrittenAsTheSerializerWritesThemAndReadBack()
    {
        string huge = string.Concat(Enumerable.Repeat("output line with \"quotes\", é and \u0007\n", 40_000));
        var message = new TestFinishedMessage(Result("x") with { Output = huge, Message = huge }) { Suite = "0-1" };
        byte[] written = WrittenBytes(message);
        Assert.That(written, Is.EqualTo(SerializerBytes(message)));
        var readBack = (TestFinishedMessage)JsonSerializer.Deserialize(written.AsSpan(0, written.Length - 1), WorkerMessageJson.Default.WorkerMessage)!;
        Assert.That(readBack.Result.Output, Is.EqualTo(huge));
    }

    [TestCase(0.0)]
    [TestCase(-0.0)]
    [TestCase(0.1)]
    [TestCase(-123456789.123456789)]
    [TestCase(1e-300)]
    [TestCase(4.9e-324)]
    [TestCase(double.MaxValue)]
    [TestCase(double.MinValue)]
    [TestCase(1e21)]
    [TestCase(123456789012345678.0)]
    public void MetricValuesTimesAndDurationsAreWrittenAsTheSerializerWritesThem(double value)
    {
        var labels = new Dictionary<string, string> { ["mount"] = "/", ["é \u0001"] = "\"v\"", [""] = "" };
        var metrics = new[]
        {
            new TestMetric("a", value, MetricKind.Counter, null, labels, new DateTimeOffset(2026, 1, 2, 3, 4, 5, 6, TimeSpan.FromHours(5.5)), ValueIsTotal: true),
            new TestMetric("b", value, MetricKind.Gauge, "B", new Dictionary<string, string>(), DateTimeOffset.MinValue),
            new TestMetric("c", value, MetricKind.Gauge, "s", labels, DateTimeOffset.MaxValue),
        };
        foreach (var duration in new[] { TimeSpan.Zero, TimeSpan.FromTicks(1), TimeSpan.FromDays(3.25), TimeSpan.MaxValue, TimeSpan.FromTicks(-12345) })
        {
            foreach (var start in new[] { DateTimeOffset.UnixEpoch, new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromMinutes(-150)).AddTicks(1234567) })
            {
                var message = new TestFinishedMessage(Result("x") with { Metrics = metrics, Duration = duration, StartTime = start, Asserts = int.MaxValue });
                Assert.That(WrittenBytes(message), Is.EqualTo(SerializerBytes(message)), $"{value} {duration} {start:o}");
            }
        }
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void AMetricValueJsonCannotHoldIsRefusedAsTheSerializerRefusesIt(double value)
    {
        var message = new TestFinishedMessage(Result("x") with
        {
            Metrics = [new TestMetric("a", value, MetricKind.Gauge, null, new Dictionary<string, string>(), null)],
        });
        Assert.That(() => SerializerBytes(message), Throws.ArgumentException);
        using var channel = new MemoryStream();
        using var writer = new ProtocolWriter(channel);
        Assert.That(() => writer.Send(message), Throws.ArgumentException);
        writer.Send(new WorkerDoneMessage());
        Assert.That(Encoding.UTF8.GetString(channel.ToArray()), Is.EqualTo("{\"type\":\"done\"}\n"), "nothing of the refused message on the channel");
    }

    [TestCase("plain")]
    [TestCase("line one\nline two\r\n\ttab \u0001 \u001b[31mred\u001b[0m")]
    [TestCase("<tag attr='1' & \"quoted\"> + `tick` \\ backslash")]
    [TestCase("unicode é ü 日本語 🚀 \u2028 \u2029")]
    [TestCase("lone surrogates \ud800 and \udfff")]
    public void EveryMessageIsOneLineThatReadsBackAsTheMessage(string text)
    {
        var messages = RunMessages(text);
        using var channel = new MemoryStream();
        var writer = new ProtocolWriter(channel);
        foreach (var message in messages) writer.Send(message);

        string[] lines = Encoding.UTF8.GetString(channel.ToArray()).Split('\n');
        Assert.That(lines, Has.Length.EqualTo(messages.Length + 1), "one line per message, each ended by a newline");
        Assert.That(lines[^1], Is.Empty);
        var readBack = lines[..^1].Select(line => JsonSerializer.Deserialize(line, WorkerMessageJson.Default.WorkerMessage)!);
        Assert.That(readBack.Select(Json), Is.EqualTo(messages.Select(Json)), "what the serializer itself would have sent");
        var sequence = new ProtocolSequence(ProtocolTestLines.RunRequest);
        Assert.That(() => { foreach (string line in lines[..^1]) sequence.Accept(line); }, Throws.Nothing);
    }
}
