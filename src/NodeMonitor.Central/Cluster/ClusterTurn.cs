using NodeMonitor.Central.Election;

namespace NodeMonitor.Central.Cluster;

/// <summary>What this run does about cluster plugins: evaluate them (this node holds the aggregator election and has
/// the snapshot), leave them to the leader, or skip them for a reason (no etcd, etcd unreachable).</summary>
public sealed record ClusterTurn(ElectionLeader? Term, string? Leader, ClusterSnapshot? Snapshot, string? ViewFile, string? Problem)
{
    public bool Evaluates => Term is not null && Snapshot is not null && ViewFile is not null;

    /// <summary>Something the leader's summary line should say about how it read the snapshot (a full read instead of
    /// an incremental one, and why); null when there is nothing to say.</summary>
    public string? Note { get; init; }

    public static ClusterTurn Follow(string? leader) => new(null, leader, null, null, null);

    public static ClusterTurn Skip(string problem) => new(null, null, null, null, problem);

    /// <summary>The run summary's line about cluster plugins.</summary>
    public string Describe(string node) =>
        Evaluates ? $"cluster plugins: evaluated here ({node} holds the aggregator election; snapshot of {Snapshot!.Nodes.Count} nodes at revision {Snapshot.Revision}{(Note is null ? "" : "; " + Note)})"
        : Problem is not null ? $"cluster plugins: not evaluated: {Problem}"
        : Leader is not null ? $"cluster plugins: evaluated by {Leader}"
        : "cluster plugins: not evaluated: nobody holds the aggregator election";
}
