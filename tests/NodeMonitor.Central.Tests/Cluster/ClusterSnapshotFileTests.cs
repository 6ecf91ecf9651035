using System.Text.Json;
using System.Text.Json.Serialization;
using NUnit.Framework;
using NodeMonitor.Central.Cluster;
using NodeMonitor.Core.Tests.Support;

namespace NodeMonitor.Central.Tests.Cluster;

/// <summary>The snapshot file loaded with its nodes left as bytes: a file the serializer wrote still loads, a saved
/// mix of stored and fresh nodes is the file a snapshot of the same nodes in memory gives, and a damaged file is
/// refused with a reason (the turn then reads in full).</summary>
public sealed class ClusterSnapshotFileTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions Reflective = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static ClusterNode Node(string name, long modRevision, string fact) =>
        new(name, new SmallMap([new("role", "web"), new("note", "\"q\" é \u2028")]), new SmallMap([new("x", fact)]), At, "0.1.0", true, modRevision)
        {
            CountsUntil = At.AddMinutes(30),
        };

    private static ClusterSnapshot Snapshot(IReadOnlyList<ClusterNode> nodes) => new(42, At, "/nm/", nodes,
        [new ClusterFailure("b", ["disk: Disk.RootHasSpace"], 1, [], At, At, null, "sig", "run-1")],
        [JsonDocument.Parse("""{"id":"s1","node":"*"}""").RootElement])
    {
        Expired = ["gone"],
    };

    [Test]
    public void AFileTheSerializerWroteLoadsAndSavesAsTheSameSnapshot()
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "snapshot.json");
        var original = Snapshot([Node("a", 7, "1"), Node("b", 8, "2")]);
        File.WriteAllText(path, JsonSerializer.Serialize(original, Reflective));

        var loaded = ClusterSnapshot.Load(path, out string? problem);

        Assert.That(problem, Is.Null);
        Assert.That(loaded?.ToJson(), Is.EqualTo(original.ToJson()));
        Assert.That(loaded!.Nodes.Select(n => (n.Node, n.ModRevision, n.Facts["x"])), Is.EqualTo(new[] { ("a", 7L, "1"), ("b", 8L, "2") }));
        Assert.That(loaded.Failures.Single().Node, Is.EqualTo("b"));
        Assert.That(loaded.Expired, Is.EqualTo(new[] { "gone" }));
    }

    [Test]
    public void LoadedNodesKeptWithFreshOnesSaveAsTheSameNodesInMemoryWould()
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "snapshot.json");
        Snapshot([Node("a", 7, "1"), Node("b", 8, "2"), Node("c", 9, "3")]).Save(path);
        var loaded = (SnapshotNodes)ClusterSnapshot.Load(path)!.Nodes;

        // b changed, c is gone, d is new: a stays as the file's bytes.
        var next = loaded.With([loaded.Nodes[0], SnapshotNode.Of(Node("b", 20, "changed")), SnapshotNode.Of(Node("d", 21, "4"))]);
        Snapshot(next).Save(path);
        var spliced = Snapshot([Node("a", 7, "1"), Node("b", 20, "changed"), Node("d", 21, "4")]);
        var reloaded = ClusterSnapshot.Load(path, out string? problem);

        Assert.That(next.Nodes[0].IsStored, Is.True);
        Assert.That(File.ReadAllText(path), Is.EqualTo(spliced.ToJson()));
        Assert.That(problem, Is.Null);
        Assert.That(reloaded!.Nodes.Select(n => n.Facts["x"]), Is.EqualTo(new[] { "1", "changed", "4" }));
    }

    [Test]
    public void ASnapshotSavedWithStoredNodesWritesTheirBytesUnchanged()
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "snapshot.json");
        Snapshot([Node("a", 7, "1"), Node("b", 8, "2")]).Save(path);
        var loaded = ClusterSnapshot.Load(path)!;

        string again = Path.Combine(directory.Path, "again.json");
        loaded.Save(again);

        Assert.That(File.ReadAllBytes(again), Is.EqualTo(File.ReadAllBytes(path)));
        Assert.That(((SnapshotNodes)loaded.Nodes).Nodes.All(n => n.IsStored && n.Parsed is null), Is.True, "nothing parsed to save it");
    }

    [TestCase("", TestName = "an empty file")]
    [TestCase("""{"revision":1,"takenAt":"2026-03-01T12:00:00Z","prefix":"/nm/","nodes":[{"node":"a","modRevision":7},{"node":"b","mod""", TestName = "a file cut short")]
    [TestCase("""[1,2]""", TestName = "not an object")]
    [TestCase("""{"revision":1,"takenAt":"2026-03-01T12:00:00Z","prefix":"/nm/","nodes":{},"failures":[],"silences":[]}""", TestName = "nodes not an array")]
    [TestCase("""{"revision":1,"takenAt":"2026-03-01T12:00:00Z","prefix":"/nm/","nodes":["a"],"failures":[],"silences":[]}""", TestName = "a node not an object")]
    [TestCase("""{"revision":1,"takenAt":"2026-03-01T12:00:00Z","nodes":[],"failures":[],"silences":[]}""", TestName = "no prefix")]
    [TestCase("""{"revision":1,"takenAt":"2026-03-01T12:00:00Z","prefix":"/nm/","nodes":[{"node":"a","lastSeen":"yesterday"}]}""", TestName = "a date that is none")]
    [TestCase("""{"revision":1,"takenAt":"2026-03-01T12:00:00Z","prefix":"/nm/","nodes":[],"failures":[null]}""", TestName = "a null failure")]
    [TestCase("""{"revision":1,"prefix":"/nm/","nodes":[]} trailing""", TestName = "something after the object")]
    public void ADamagedFileIsRefusedWithItsPathAndWhy(string json)
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "snapshot.json");
        File.WriteAllText(path, json);

        var loaded = ClusterSnapshot.Load(path, out string? problem);

        Assert.That(loaded, Is.Null);
        Assert.That(problem, Does.StartWith($"{path} is not a snapshot: "));
    }

    [Test]
    public void AMissingFileIsNoProblem()
    {
        using var directory = new TemporaryDirectory();

        Assert.That(ClusterSnapshot.Load(Path.Combine(directory.Path, "none.json"), out string? problem), Is.Null);
        Assert.That(problem, Is.Null);
    }
}
