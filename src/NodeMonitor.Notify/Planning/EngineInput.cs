using NodeMonitor.Central;

namespace NodeMonitor.Notify;

/// <summary>What the engine hears: etcd's changes, whole views, and the silences.</summary>
public abstract record EngineInput;

/// <summary>One key change under <c>failures/</c>; <paramref name="Json"/> null for a deletion.</summary>
public sealed record RecordChange(string Node, string? Json, long Revision);

/// <summary>Changes from the watch, in etcd's order.</summary>
public sealed record WatchedChanges(IReadOnlyList<RecordChange> Changes) : EngineInput;

/// <summary>Every failure record, read at <paramref name="Revision"/> (at start, after a compaction, and now and then).</summary>
/// <param name="TakeAsTold">People know these records already (another sender delivered up to this revision): the
/// ledger is taken from them and the queues of an older term are dropped.</param>
public sealed record RecordSnapshot(IReadOnlyList<(string Node, string Json, long ModRevision)> Records, long Revision, bool TakeAsTold = false) : EngineInput;

/// <summary>Every silence, as just read or changed.</summary>
public sealed record SilenceSnapshot(IReadOnlyList<Silence> Silences) : EngineInput;

/// <summary>Node labels read from the heartbeats: every node whose labels are new or changed (all of them on a first
/// read). Nodes not named keep the labels last seen.</summary>
public sealed record NodeLabelsRead(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Labels) : EngineInput;
