using System.Text.Json;
using System.Text.Json.Serialization;
using NUnit.Framework;
using NodeMonitor.Central.Cluster;
using NodeMonitor.Core.Tests.Support;

namespace NodeMonitor.Central.Tests.Cluster;

/// <summary>The snapshot file cluster plugins read keeps its format now that nodes are written without reflection, and
/// the aggregator reads back exactly what it saved.</summary>
public sealed class ClusterSnapshotJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static ClusterSnapshot Snapshot() => new(42, At, "/nm/",
    [
        new ClusterNode("a", new SmallMap([new("role", "db"), new("note", "\"x\" + <y> é")]), SmallMap.Empty, At, "0.1.0+abc", true, 7) { CountsUntil = At.AddMinutes(30) },
        new ClusterNode("b", new Dictionary<string, string> { ["rack"] = "r1" }, new Dictionary<string, string> { ["k"] = "v" }, At, null, null, 8),
    ],
    [new ClusterFailure("a", ["disk: Disk.RootHasSpace"], 1, [], At, At, null, "sig", "run-1")],
    [JsonDocument.Parse("""{"id":"s1","node":"*"}""").RootElement])
    {
        UnreadableNodes = 1,
        Expired = ["gone"],
    };

    [Test]
    public void ASnapshotIsWrittenAsTheSerializerWritesTheRecords()
    {
        var reflective = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        Assert.That(Snapshot().ToJson(), Is.EqualTo(JsonSerializer.Serialize(Snapshot(), reflective)));
    }

    [Test]
    public void ASavedSnapshotLoadsAsItWas()
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "snapshot.json");
        Snapshot().Save(path);

        var loaded = ClusterSnapshot.Load(path);

        Assert.That(loaded?.ToJson(), Is.EqualTo(Snapshot().ToJson()));
        Assert.That(loaded!.Nodes[0].Labels["note"], Is.EqualTo("\"x\" + <y> é"));
    }

    [TestCase("""{"revision":1,"takenAt":"2026-03-01T12:00:00Z","prefix":"/nm/","nodes":[{"labels":{}}],"failures":[],"silences":[]}""", TestName = "a node without its name")]
    [TestCase("""{"revision":1,"takenAt":"2026-03-01T12:00:00Z","prefix":"/nm/","nodes":[{"node":"a","labels":{"x":"1","x":"2"}}],"failures":[],"silences":[]}""", TestName = "a repeated label")]
    [TestCase("""{"revision":1,"takenAt":"2026-03-01T12:00:00Z","prefix":"/nm/","nodes":[{"node":"a","modRevision":"7"}],"failures":[],"silences":[]}""", TestName = "a revision in quotes")]
    public void ASnapshotFileItCannotReadMeansAFullRead(string json)
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "snapshot.json");
        File.WriteAllText(path, json);

        Assert.That(ClusterSnapshot.Load(path), Is.Null);
    }
}
