using System.Text;
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

    [TestCase("plain")]
    [TestCase("line one\nline two\r\n\ttab \u0001 \u001b[31mred\u001b[0m")]
    [TestCase("<tag attr='1' & \"quoted\"> + `tick` \\ backslash")]
    [TestCase("unicode é ü 日本語 🚀 \u2028 \u2029")]
    [TestCase("lone surrogates \ud800 and \udfff")]
    public void EveryMessageIsOneLineThatReadsBackAsTheMessage(string text)
    {
        var suites = new[] { new EnclosingSuite("TestFixture", text, text, text) };
        WorkerMessage[] messages =
        [
            new AssemblyStartedMessage("Disk.dll", "4.2.0"),
            new SuiteStartedMessage("0-1", null, "TestFixture", text, text, text),
            new TestStartedMessage(text),
            new TestProgressMessage(text, text),
            new TestFinishedMessage(Result(text)) { Suite = "0-1" },
            new TestFinishedMessage(Result(text) with { Suites = suites }),
            new TestFinishedMessage(Result(text) with { Label = null, Site = null, Message = null, Output = null }),
            new AssemblyLoadFailedMessage("Disk.dll", text),
            new WorkerDoneMessage { Token = text },
        ];
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
