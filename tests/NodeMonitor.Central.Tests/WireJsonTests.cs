using System.Text.Json;
using System.Text.Json.Serialization;
using NUnit.Framework;
using NodeMonitor.Central.Cluster;

namespace NodeMonitor.Central.Tests;

/// <summary>The values NodeMonitor stores in etcd, in its outbox and in the snapshot file are written from generated
/// metadata exactly as the reflection-based serializer wrote them (what nodes in the field write and read), and what
/// that serializer wrote still reads: nulls, non-ASCII text, a version's <c>+</c>, enums and dates included.</summary>
public sealed class WireJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, 123, TimeSpan.FromHours(2));

    /// <summary>The settings the values were written with by reflection.</summary>
    private static JsonSerializerOptions Reflective(bool ignoreNulls = true, bool relaxed = false)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        };
        if (ignoreNulls) options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        if (relaxed) options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return options;
    }

    private const string Awkward = "Prüfung \"Ω\" <b>&</b> 'ok' + \u2028 ✓ \U0001F600 \\ \t";

    private static IEnumerable<FailureRecord> Records() =>
    [
        new("web-1", "run-1", At, At.AddMinutes(5), "0123456789abcdef", ["disk: Disk.RootHasSpace", $"linux: {Awkward}"], 2,
            [$"broken: {Awkward}"], null, null, null),
        new("wéb-2", "run-2", At, At, "fedcba9876543210", [], 0, [], "http://127.0.0.1:8080/v1/AUTH_x/c/o?a=1&b=2",
            "http://127.0.0.1:8080/v1/AUTH_x/c/o?temp_url_sig=ab+cd", At.AddDays(7)),
    ];

    [TestCaseSource(nameof(Records))]
    public void AFailureRecordIsWrittenAsBeforeAndReadsBack(FailureRecord record)
    {
        string old = JsonSerializer.Serialize(record, Reflective());

        Assert.That(record.ToJson(), Is.EqualTo(old));
        Assert.That(FailureRecord.FromJson(old)?.ToJson(), Is.EqualTo(old));
        Assert.That(FailureRecord.FromUtf8(System.Text.Encoding.UTF8.GetBytes(old))?.ToJson(), Is.EqualTo(old));
    }

    private static IEnumerable<HeartbeatValue> Heartbeats() =>
    [
        new("web-1", "0.1.0+4f2a9c1", "run-1", At, At.AddSeconds(3.5), true, 12, 0, At.AddSeconds(4), 600),
        new("wéb-2", "1.2.3-beta+build.7", "run-2", At, At, false, 3, 2, At, 60.5)
        {
            Labels = new Dictionary<string, string> { ["role"] = "web", ["salle"] = Awkward },
            Facts = new Dictionary<string, string> { ["kernel"] = "6.1.0-18-amd64", ["note"] = Awkward },
            FactsDropped = 4,
            ExpiresAt = At.AddMinutes(3),
        },
    ];

    [TestCaseSource(nameof(Heartbeats))]
    public void AHeartbeatIsWrittenAsBeforeWithItsPlusReadableAndReadsBack(HeartbeatValue heartbeat)
    {
        string old = JsonSerializer.Serialize(heartbeat, Reflective(relaxed: true));

        Assert.That(heartbeat.ToJson(), Is.EqualTo(old));
        Assert.That(heartbeat.ToJson(), Does.Contain($"\"version\":\"{heartbeat.Version}\""));
        Assert.That(HeartbeatValue.FromJson(old)?.ToJson(), Is.EqualTo(old));
    }

    private static IEnumerable<Silence> Silences() =>
    [
        new("s1", "web-*", null, null, At, At.AddHours(2), "ops", "maintenance", At),
        new("s-ü", "db-?", "disk", "*Inodes*", At, At.AddDays(1), "Zoë", Awkward, At)
        {
            Labels = new Dictionary<string, string> { ["rack"] = "r1", ["zone"] = "ä*" },
        },
    ];

    [TestCaseSource(nameof(Silences))]
    public void ASilenceIsWrittenAsBeforeAndReadsBack(Silence silence)
    {
        string old = JsonSerializer.Serialize(silence, Reflective());

        Assert.That(silence.ToJson(), Is.EqualTo(old));
        Assert.That(Silence.FromJson(old)?.ToJson(), Is.EqualTo(old));
    }

    [Test]
    public void TheOutboxsFailureStateIsWrittenAsBeforeNullsIncludedAndReadsBack()
    {
        var state = new FailureState("wéb-1", "run-1", At, [
            new HardFailure("disk", $"Disk.{Awkward}", At, 3, "expected < 90 %\nbut was 95 %"),
            new HardFailure("broken", null, At.AddMinutes(-10), 1, null),
        ]);
        string old = JsonSerializer.Serialize(state, Reflective(ignoreNulls: false));

        Assert.That(JsonSerializer.Serialize(state, OutboxJson.Default.FailureState), Is.EqualTo(old));
        var read = JsonSerializer.Deserialize(old, OutboxJson.Default.FailureState)!;
        Assert.That(JsonSerializer.Serialize(read, OutboxJson.Default.FailureState), Is.EqualTo(old));
        Assert.That(read.Signature, Is.EqualTo(state.Signature));
    }

    [Test]
    public void TheSnapshotFilesFailuresSilencesAndExpiredNamesAreWrittenAsBefore()
    {
        var snapshot = new ClusterSnapshot(42, At, "/nm/", [],
            [
                new ClusterFailure("wéb-1", [$"disk: {Awkward}"], 1, ["broken: crashed"], At, At, null, "sig", "run-1"),
                new ClusterFailure("db-1", [], 0, [], At, At, "http://127.0.0.1/o?temp_url_sig=a+b&x=1", "sig2", "run-2"),
            ],
            [JsonDocument.Parse($$"""{"id":"s1","node":"*","reason":{{JsonSerializer.Serialize(Awkward)}}}""").RootElement])
        {
            Expired = ["gone", "gône+1"],
        };

        string old = JsonSerializer.Serialize(snapshot, Reflective(relaxed: true));

        Assert.That(snapshot.ToJson(), Is.EqualTo(old));
        using var directory = new NodeMonitor.Core.Tests.Support.TemporaryDirectory();
        string path = Path.Combine(directory.Path, "snapshot.json");
        File.WriteAllText(path, old);
        Assert.That(ClusterSnapshot.Load(path)?.ToJson(), Is.EqualTo(old));
    }

    private static IEnumerable<NodePublication> Publications() =>
    [
        NodePublication.None,
        new(new Dictionary<string, string> { ["zone"] = "b", ["Zone"] = "a", ["role"] = "web" },
            new Dictionary<string, string> { ["kernel"] = "6.1.0+deb12", ["ä"] = Awkward, ["a"] = "" }, 7),
    ];

    [TestCaseSource(nameof(Publications))]
    public void TheHeartbeatFingerprintIsTheTextNodesAlreadyKeep(NodePublication published)
    {
        string old = JsonSerializer.Serialize(new object[]
        {
            published.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new[] { l.Key, l.Value }),
            published.Facts.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new[] { f.Key, f.Value }),
            published.FactsDropped,
        }, new JsonSerializerOptions { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() });

        Assert.That(published.Fingerprint, Is.EqualTo(old));
    }
}
