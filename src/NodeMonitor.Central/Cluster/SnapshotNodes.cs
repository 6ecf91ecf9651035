using System.Text.Json;

namespace NodeMonitor.Central.Cluster;

/// <summary>One node of a snapshot as <see cref="SnapshotNodes"/> keeps it: a <see cref="ClusterNode"/> in memory, or
/// (<see cref="Length"/> above 0) the node's JSON in the bytes of the snapshot file it was loaded from, with what an
/// incremental read needs of it read off those bytes.</summary>
internal readonly record struct SnapshotNode(string Node, long ModRevision, DateTimeOffset? CountsUntil, ClusterNode? Parsed, int Offset, int Length)
{
    public bool IsStored => Length > 0;

    public static SnapshotNode Of(ClusterNode node) => new(node.Node, node.ModRevision, node.CountsUntil, node, 0, 0);
}

/// <summary>
/// The nodes of a snapshot, each in memory or still as its JSON in the snapshot file loaded last: a stored node is
/// parsed only when asked for, and writing the snapshot copies its bytes as they are. The leader's turn needs of its
/// last snapshot only which nodes changed (names, mod revisions, until when they count), so the nodes that did not
/// change (most of them) are neither parsed into objects nor serialized again.
/// </summary>
internal sealed class SnapshotNodes : IReadOnlyList<ClusterNode>
{
    private readonly byte[] _file;
    private readonly List<SnapshotNode> _nodes;
    private readonly ClusterNodeJson _json = new();

    /// <param name="file">The bytes the stored nodes point into; empty when none is stored.</param>
    /// <param name="nodes">The nodes, in the snapshot's order; the list is kept.</param>
    public SnapshotNodes(byte[] file, List<SnapshotNode> nodes)
    {
        _file = file;
        _nodes = nodes;
    }

    /// <summary><paramref name="nodes"/> as they are when they are a <see cref="SnapshotNodes"/>, else all in memory.</summary>
    public static SnapshotNodes Of(IReadOnlyList<ClusterNode> nodes) =>
        nodes as SnapshotNodes ?? new SnapshotNodes([], nodes.Select(SnapshotNode.Of).ToList());

    public IReadOnlyList<SnapshotNode> Nodes => _nodes;

    /// <summary>Other nodes, stored ones among them taken from this list.</summary>
    public SnapshotNodes With(List<SnapshotNode> nodes) => new(_file, nodes);

    /// <summary>The JSON of a stored node, exactly as the file has it.</summary>
    public ReadOnlySpan<byte> Json(SnapshotNode node) => _file.AsSpan(node.Offset, node.Length);

    public int Count => _nodes.Count;

    public ClusterNode this[int index] => _nodes[index].Parsed ?? Parse(_nodes[index]);

    public IEnumerator<ClusterNode> GetEnumerator()
    {
        for (int i = 0; i < _nodes.Count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A stored node, checked when the file was loaded, so its JSON reads.</summary>
    private ClusterNode Parse(SnapshotNode node)
    {
        var reader = new Utf8JsonReader(Json(node));
        reader.Read();
        lock (_json) return _json.Read(ref reader);
    }
}
