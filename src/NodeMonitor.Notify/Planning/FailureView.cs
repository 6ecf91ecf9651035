using NodeMonitor.Central;

namespace NodeMonitor.Notify;

/// <summary>
/// The failure records as etcd has them, kept current from a range read and the watch after it. An event older than
/// what the view holds (a watch that replays after reconnecting) is ignored, so replays never move it backwards.
/// </summary>
public sealed class FailureView
{
    private readonly Dictionary<string, (FailureRecord Record, long Revision)> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _deletedAt = new(StringComparer.Ordinal);
    private long _snapshotRevision;

    /// <summary>The etcd revision the view is complete up to.</summary>
    public long Revision { get; private set; }

    public int Count => _records.Count;

    public IEnumerable<string> Nodes => _records.Keys;

    public (FailureRecord Record, long Revision)? Get(string node) => _records.TryGetValue(node, out var r) ? r : null;

    /// <summary>The revision of the node's last change: its record's, or its deletion's.</summary>
    public long ChangedAt(string node) => _records.TryGetValue(node, out var r) ? r.Revision : _deletedAt.GetValueOrDefault(node, Revision);

    /// <summary>A put; false when it is not newer than what the view has (or the value is not a record).</summary>
    public bool Put(string node, string json, long modRevision)
    {
        if (modRevision <= ChangedAtOrZero(node)) return false;
        var record = Parse(json);
        if (record is null) return Delete(node, modRevision);
        _records[node] = (record, modRevision);
        _deletedAt.Remove(node);
        Revision = Math.Max(Revision, modRevision);
        return true;
    }

    public bool Delete(string node, long revision)
    {
        if (revision <= ChangedAtOrZero(node)) return false;
        bool had = _records.Remove(node);
        _deletedAt[node] = revision;
        Revision = Math.Max(Revision, revision);
        return had;
    }

    /// <summary>Replaces the whole view by a range read taken at <paramref name="revision"/>; returns every node whose
    /// record appeared, changed or went.</summary>
    public IReadOnlyCollection<string> Replace(IEnumerable<(string Node, string Json, long ModRevision)> snapshot, long revision)
    {
        var changed = new HashSet<string>(_records.Keys, StringComparer.Ordinal);
        var old = new Dictionary<string, (FailureRecord Record, long Revision)>(_records, StringComparer.Ordinal);
        _records.Clear();
        _deletedAt.Clear();
        foreach (var (node, json, modRevision) in snapshot)
        {
            if (Parse(json) is not { } record) continue;
            _records[node] = (record, modRevision);
            if (old.TryGetValue(node, out var before) && before.Revision == modRevision) changed.Remove(node);
            else changed.Add(node);
        }
        foreach (string gone in old.Keys.Where(n => !_records.ContainsKey(n))) _deletedAt[gone] = revision;
        Revision = revision;
        _snapshotRevision = revision;
        return changed;
    }

    /// <summary>The node name a key under <paramref name="prefix"/> stands for; null for anything deeper.</summary>
    public static string? NodeOf(string key, string prefix) => EtcdNodeLabels.NodeOf(key, prefix);

    // Everything up to the last range read is in the view already.
    private long ChangedAtOrZero(string node) =>
        Math.Max(_snapshotRevision, _records.TryGetValue(node, out var r) ? r.Revision : _deletedAt.GetValueOrDefault(node, 0));

    private static FailureRecord? Parse(string json)
    {
        try
        {
            return FailureRecord.FromJson(json) is { Node.Length: > 0 } record ? record : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
