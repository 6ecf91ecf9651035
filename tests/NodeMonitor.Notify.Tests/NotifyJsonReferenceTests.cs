using System.Text.Json;
using System.Text.Json.Serialization;
using NodeMonitor.Central;
using NodeMonitor.Core.Tests.Support;
using NodeMonitor.Notify.Tests.Support;

namespace NodeMonitor.Notify.Tests;

/// <summary>
/// notify's JSON, generated at build time, is byte for byte what the reflection-based serializer printed with the
/// settings each document had (the reference receivers, chat bots and existing state files already read): the state
/// file (enums as names), the webhook and Slack bodies (enums camelCase), the API's lists and answers (nulls left out).
/// </summary>
public sealed class NotifyJsonReferenceTests
{
    private static readonly JsonSerializerOptions StateReference = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly JsonSerializerOptions ReceiverReference = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly JsonSerializerOptions ApiReference = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, 123, TimeSpan.FromHours(1));

    [Test]
    public void TheStateFileIsWrittenAndReadAsBefore()
    {
        using var dir = new TemporaryDirectory();
        string file = dir.Combine("state.json"), written = dir.Combine("reference.json");
        var state = new NotifyState(4711,
            new Dictionary<string, IReadOnlyList<string>> { ["web1"] = ["disk: Root.HasSpace"], ["db\"1"] = [] },
            new Dictionary<string, IReadOnlyList<NotifyMessage>> { ["webhook-1"] = [Message()], ["slack-2"] = [] });

        state.Save(file);
        File.WriteAllText(written, JsonSerializer.Serialize(state, StateReference));
        var read = NotifyState.Load(written);

        Assert.That(File.ReadAllText(file), Is.EqualTo(File.ReadAllText(written)));
        Assert.That(File.ReadAllText(file), Does.Contain("\"kind\":\"Failing\"").And.Contain("\"kind\":\"Recovered\""), "enums as their names");
        Assert.That(JsonSerializer.Serialize(read, StateReference), Is.EqualTo(File.ReadAllText(written)), "a reference file reads back whole");
        Assert.That(read.Outbox["webhook-1"][0].Nodes[0].IdempotencyKey, Is.EqualTo(Message().Nodes[0].IdempotencyKey));
    }

    [TestCase("""{"revision":"x"}""")]
    [TestCase("""{"revision":1,"told":{"web1":"disk"}}""")]
    [TestCase("""{"outbox":{"webhook-1":[{"id":"m","nodes":[{"kind":"Exploded","node":"web1"}]}]}}""")]
    [TestCase("""[]""")]
    [TestCase("""{"revision":1,""")]
    public void ADamagedStateFileIsRefusedWithTheSameReason(string text)
    {
        using var dir = new TemporaryDirectory();
        string file = dir.Combine("state.json");
        File.WriteAllText(file, text);
        var reference = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<NotifyState>(text, StateReference));

        Assert.That(() => NotifyState.Load(file), Throws.InstanceOf<NotifyStateException>()
            .With.Message.EqualTo($"cannot read the notify state {file}: {reference!.Message} (move it aside to start afresh: everything failing is then sent again)"));
    }

    [TestCase(ReceiverKind.Webhook)]
    [TestCase(ReceiverKind.Hubot)]
    [TestCase(ReceiverKind.Slack)]
    public async Task AReceiverGetsTheBodyItGotBefore(ReceiverKind kind)
    {
        using var receiver = new RecordingReceiver();
        using var http = new HttpClient();
        var message = Message();

        var (outcome, detail) = await new MessageSender(http).SendAsync(new Receiver(kind, receiver.Url, "secret"), message, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(SendOutcome.Delivered), detail);
        var received = receiver.Accepted.Single();
        object expected = kind == ReceiverKind.Slack ? new { text = message.Text } : message;
        Assert.That(received.Text, Is.EqualTo(JsonSerializer.Serialize(expected, ReceiverReference)));
        Assert.That(received.ContentType, Is.EqualTo("application/json; charset=utf-8"));
        if (kind != ReceiverKind.Slack) Assert.That(received.Text, Does.Contain("\"kind\":\"failing\"").And.Contain("\"link\":null"));
    }

    [Test]
    public void TheFailuresListIsPrintedAsBefore()
    {
        var whole = Silence("s1", "web*", null, null) with { Labels = new Dictionary<string, string> { ["rack"] = "r1*" } };
        var disk = Silence("s2", "db1", "disk", "*Inodes*");
        var records = new[]
        {
            Record("web1", ["disk: Root.HasSpace", "net: Gateway.Answers"], 25, objectUrl: "http://swift.example/o", tempUrl: null),
            Record("db1", ["disk: Root.HasInodes", "disk: Var.HasSpace"], 2, objectUrl: null, tempUrl: null) with { PluginErrors = ["cpu: worker crashed"] },
            Record("app1", ["app: Ping"], 1, objectUrl: "http://swift.example/o", tempUrl: "http://swift.example/o?sig=1"),
        };
        var labels = new Dictionary<string, string> { ["rack"] = "r17" };
        var seen = records.Select(r => SilencedFailure.Of(r, [whole, disk], Now, labels)).ToList();

        string printed = JsonSerializer.Serialize(seen.Select(FailureJson.Of).ToList(), NotifyApiJson.Default.ListFailureJson);

        Assert.That(printed, Is.EqualTo(JsonSerializer.Serialize(seen.Select(OldFailureShape).ToList(), ApiReference)));
        Assert.That(printed, Does.Contain("\"silencedBy\":{").And.Contain("\"unlistedSilencedBy\":{").And.Not.Contain("null"),
            "the case covers silenced tests and leaves nulls out");
    }

    [Test]
    public void SilencesAndAnswersArePrintedAsBefore()
    {
        var silences = new List<Silence>
        {
            Silence("s1", "web*", null, null) with { Labels = new Dictionary<string, string> { ["rack"] = "r1*", ["role"] = "db" } },
            Silence("s2", "db1", "disk", "*Inodes*"),
        };

        Assert.That(JsonSerializer.Serialize(silences, NotifyApiJson.Default.ListSilence), Is.EqualTo(JsonSerializer.Serialize(silences, ApiReference)));
        Assert.That(JsonSerializer.Serialize(silences[1], NotifyApiJson.Default.Silence), Is.EqualTo(JsonSerializer.Serialize(silences[1], ApiReference)));
        Assert.That(JsonSerializer.Serialize(new HealthJson("ok", true), NotifyApiJson.Default.HealthJson),
            Is.EqualTo(JsonSerializer.Serialize(new { status = "ok", sending = true }, ApiReference)));
        const string Error = "no silence <x> \"y\" 'z' \u00e9";
        Assert.That(JsonSerializer.Serialize(new ApiError(Error, 404), NotifyApiJson.Default.ApiError),
            Is.EqualTo(JsonSerializer.Serialize(new { error = Error, status = 404 }, ApiReference)));
    }

    [TestCase("""{"node":"web*","duration":"2h","reason":"disk swap","author":"alice","labels":{"rack":"r1"}}""")]
    [TestCase("""{"NODE":"db1","Plugin":"disk","test":"*Inodes*","endsAt":"2026-12-01T08:00:00Z","startsAt":"2026-11-30T08:00:00+01:00","reason":"r","author":"a","extra":1}""")]
    [TestCase("""{}""")]
    public void ASilenceBodyIsReadAsBefore(string json)
    {
        var generated = JsonSerializer.Deserialize(json, NotifyApiJson.Default.SilenceBody)!;
        var reference = JsonSerializer.Deserialize<SilenceBody>(json, ApiReference)!;

        Assert.That(generated with { Labels = null }, Is.EqualTo(reference with { Labels = null }));
        Assert.That(generated.Labels, Is.EqualTo(reference.Labels));
    }

    [TestCase("""{"node": 5}""")]
    [TestCase("""{"endsAt": "tomorrow"}""")]
    [TestCase("""[1, 2]""")]
    [TestCase("""{"node": "a",""")]
    public void ABadSilenceBodyIsRefusedWithTheSameReason(string json)
    {
        var generated = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, NotifyApiJson.Default.SilenceBody));
        var reference = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SilenceBody>(json, ApiReference));

        Assert.That(generated!.Message, Is.EqualTo(reference!.Message));
    }

    /// <summary>The anonymous shape the API printed a failing node in before it had named records.</summary>
    private static object OldFailureShape(SilencedFailure f) => new
    {
        node = f.Record.Node,
        runId = f.Record.RunId,
        firstFailedAt = f.Record.FirstFailedAt,
        lastRunAt = f.Record.LastRunAt,
        failingTotal = f.Record.FailingTotal,
        silenced = f.FullySilenced,
        tests = f.Items.Select(i => new { id = i.Id, plugin = i.Plugin, test = i.Test, silencedBy = OldBrief(i.SilencedBy) }),
        unlistedTests = f.UnlistedTests,
        unlistedSilencedBy = OldBrief(f.UnlistedSilencedBy),
        link = f.Record.TempUrl ?? f.Record.ObjectUrl,
    };

    private static object? OldBrief(Silence? s) => s is null ? null : new { id = s.Id, author = s.Author, until = s.EndsAt, reason = s.Reason };

    private static Silence Silence(string id, string node, string? plugin, string? test) =>
        new(id, node, plugin, test, Now.AddHours(-1), Now.AddHours(2), "alice", "disk \"swap\" <soon>", Now.AddHours(-1));

    private static FailureRecord Record(string node, string[] tests, int total, string? objectUrl, string? tempUrl) =>
        new(node, "run-1", Now.AddMinutes(-5), Now, "sig", tests, total, [], objectUrl, tempUrl, tempUrl is null ? null : Now.AddDays(1));

    private static NotifyMessage Message()
    {
        var changes = new List<NodeChange>
        {
            new(ChangeKind.Failing, "web1", ["disk: Root.HasSpace"], ["disk: Root.HasSpace"], [], 1, 41, "http://swift.example/o?a=1&b=<2>", Now),
            new(ChangeKind.Changed, "web2", ["net: Gateway \u00e9"], ["net: Gateway \u00e9"], ["disk: X"], 0, 42, null, Now.AddSeconds(1)),
            new(ChangeKind.Recovered, "web3", [], [], ["disk: X"], 0, 43, null, Now),
            new(ChangeKind.Silenced, "web4", [], [], ["disk: Y"], 2, 44, null, Now),
        };
        return NotifyMessage.Group(changes, 3, Now.AddSeconds(30));
    }
}
