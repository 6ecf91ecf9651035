using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Etcd;

namespace NodeMonitor.Central.Cluster;

/// <summary>
/// Reads a <see cref="ClusterSnapshot"/> at one etcd revision: the first range fixes the revision and every later page
/// reads at it, so the snapshot never mixes two moments. At scale the heartbeat values are the bulk, and most do not
/// change between two runs (a node rewrites its heartbeat every few minutes, or when its labels or facts change), so
/// given the previous snapshot it lists the node keys only (key and mod revision) and fetches the values that changed
/// since, page by page (a range over the page's span filtered by <c>min_mod_revision</c>); a node whose key is gone
/// has expired. Failure records (few) and silences are read whole. Ranges are paged (<see cref="EtcdRangePages"/>) so
/// no answer grows with the fleet, and heartbeat values are read from etcd's bytes (<see cref="HeartbeatNodeReader"/>).
/// </summary>
public sealed class ClusterSnapshotReader(EtcdClient client, EtcdSettings settings, TimeProvider? clock = null)
{
    private readonly EtcdRangePages _pages = new(client);
    private readonly int _nodesPrefixBytes = System.Text.Encoding.UTF8.GetByteCount(settings.NodesPrefix);

    /// <summary>What the last read cost, for benchmarks and <c>cluster status</c>.</summary>
    public ClusterReadCost LastCost { get; private set; } = new(0, 0, 0);

    /// <param name="previous">The snapshot taken last time (same prefix), or null for a full read. The nodes of the new
    /// snapshot that did not change are the previous snapshot's, stored ones left stored (<see cref="SnapshotNodes"/>).</param>
    /// <exception cref="CentralDeliveryException">A call failed or did not finish in time.</exception>
    public async Task<ClusterSnapshot> ReadAsync(ClusterSnapshot? previous, DateTime deadlineUtc, CancellationToken ct)
    {
        var before = previous is null ? null : SnapshotNodes.Of(previous.Nodes);
        // A previous snapshot from before heartbeats said until when they count cannot tell expiry: read everything.
        if (previous is null || before is null || previous.Prefix != settings.Prefix || before.Nodes.Any(n => n.CountsUntil is null))
            return await ReadAsync(null, null, deadlineUtc, ct);
        return await ReadAsync(previous, before, deadlineUtc, ct);
    }

    private async Task<ClusterSnapshot> ReadAsync(ClusterSnapshot? previous, SnapshotNodes? before, DateTime deadlineUtc, CancellationToken ct)
    {
        var cost = new CostCounter();
        var heartbeats = new HeartbeatNodeReader();
        long revision = 0;
        var nodes = new List<SnapshotNode>();
        int unreadable = 0;
        var expired = new List<string>();
        if (previous is null || before is null)
        {
            revision = await _pages.ReadPrefixAsync(settings.NodesPrefix, revision, keysOnly: false, (page, _) =>
            {
                cost.Add(page);
                foreach (var kv in page.Kvs)
                    if (NodeFrom(kv, heartbeats) is { } node) nodes.Add(SnapshotNode.Of(node)); else unreadable++;
                return Task.CompletedTask;
            }, deadlineUtc, ct);
        }
        else
        {
            var known = new KnownNodes(before, previous.Revision, _nodesPrefixBytes);
            nodes.Capacity = before.Count + before.Count / 16;
            var expiredBefore = previous.Expired.Select(n => settings.NodesPrefix + n).ToHashSet(StringComparer.Ordinal);
            bool wentBack = false;
            revision = await _pages.ReadPrefixAsync(settings.NodesPrefix, revision, keysOnly: true, async (page, at) =>
            {
                cost.Add(page);
                // etcd restored from an older backup (or replaced): revisions went back, so "changed since" means nothing.
                if (at < previous.Revision) { wentBack = true; return; }
                var changed = await ChangedValuesAsync(page, known, previous.Revision, at, heartbeats, cost, deadlineUtc, ct);
                foreach (var kv in page.Kvs)
                {
                    // Most keys: no string made of them.
                    if (known.TryGetUnchanged(kv, out var same)) { nodes.Add(same); continue; }
                    string key = kv.Key.ToStringUtf8();
                    if (changed.TryGetValue(key, out var fresh)) { if (fresh is null) unreadable++; else nodes.Add(SnapshotNode.Of(fresh)); }
                    // Unchanged since the last read, which left it out: expired then, so expired now, or unreadable still.
                    else if (kv.ModRevision <= previous.Revision && expiredBefore.Contains(key)) expired.Add(key[settings.NodesPrefix.Length..]);
                    else unreadable++;
                }
            }, deadlineUtc, ct);
            if (wentBack) return await ReadAsync(null, null, deadlineUtc, ct);
        }
        var failures = new List<ClusterFailure>();
        await _pages.ReadPrefixAsync(settings.FailuresPrefix, revision, keysOnly: false, (page, _) =>
        {
            cost.Add(page);
            foreach (var kv in page.Kvs)
                if (FailureFrom(kv) is { } failure) failures.Add(failure);
            return Task.CompletedTask;
        }, deadlineUtc, ct);
        var silences = new List<System.Text.Json.JsonElement>();
        await _pages.ReadPrefixAsync(settings.Prefix + "silences/", revision, keysOnly: false, (page, _) =>
        {
            cost.Add(page);
            foreach (var kv in page.Kvs)
                if (JsonElementFrom(kv) is { } silence) silences.Add(silence);
            return Task.CompletedTask;
        }, deadlineUtc, ct);
        LastCost = cost.Result;
        var takenAt = (clock ?? TimeProvider.System).GetUtcNow();
        // A heartbeat past the time it counts until is a node gone silent, though its key waits for the node's lease.
        expired.AddRange(nodes.Where(n => n.CountsUntil <= takenAt).Select(n => n.Node));
        nodes.RemoveAll(n => n.CountsUntil <= takenAt);
        expired.Sort(string.CompareOrdinal);
        // etcd lists keys in byte order, which is the names' ordinal order unless a name holds characters past U+FFFF.
        if (!IsInOrder(nodes)) nodes.Sort((a, b) => string.CompareOrdinal(a.Node, b.Node));
        var kept = before?.With(nodes) ?? new SnapshotNodes([], nodes);
        return new ClusterSnapshot(revision, takenAt, settings.Prefix, kept, failures, silences)
        {
            UnreadableNodes = unreadable,
            Expired = expired,
        };
    }

    /// <summary>The values of the keys of one listed page that are new or changed since the previous snapshot: ranges
    /// over that page's span only, filtered by mod revision (etcd filters after reading the span, so a span of one page
    /// keeps the server's work proportional to the page, not to the fleet), paged like any range.</summary>
    private async Task<Dictionary<string, ClusterNode?>> ChangedValuesAsync(RangeResponse page, KnownNodes known,
        long previousRevision, long revision, HeartbeatNodeReader heartbeats, CostCounter cost, DateTime deadlineUtc, CancellationToken ct)
    {
        var changed = new Dictionary<string, ClusterNode?>(StringComparer.Ordinal);
        if (page.Kvs.All(kv => known.TryGetUnchanged(kv, out _))) return changed;
        await _pages.ReadAsync(page.Kvs[0].Key, EtcdRangePages.After(page.Kvs[^1].Key), revision, keysOnly: false, previousRevision + 1, (values, _) =>
        {
            cost.Add(values);
            foreach (var kv in values.Kvs) changed[kv.Key.ToStringUtf8()] = NodeFrom(kv, heartbeats);
            return Task.CompletedTask;
        }, $"read {settings.NodesPrefix}", deadlineUtc, ct);
        return changed;
    }

    /// <summary>The previous snapshot's nodes by name, found from a listed key's bytes without a string of them.</summary>
    private sealed class KnownNodes
    {
        private readonly IReadOnlyList<SnapshotNode> _nodes;
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byName;
        private readonly long _revision;
        private readonly int _prefixBytes;

        public KnownNodes(SnapshotNodes before, long revision, int prefixBytes)
        {
            _nodes = before.Nodes;
            var byName = new Dictionary<string, int>(_nodes.Count, StringComparer.Ordinal);
            for (int i = 0; i < _nodes.Count; i++) byName.TryAdd(_nodes[i].Node, i);
            _byName = byName.GetAlternateLookup<ReadOnlySpan<char>>();
            _revision = revision;
            _prefixBytes = prefixBytes;
        }

        /// <summary>The previous snapshot's node of this key when the key was not written since (so its value was not
        /// fetched again).</summary>
        public bool TryGetUnchanged(Mvccpb.KeyValue kv, out SnapshotNode node)
        {
            var name = kv.Key.Span[_prefixBytes..];
            Span<char> chars = name.Length <= 256 ? stackalloc char[256] : new char[name.Length];
            int length = System.Text.Encoding.UTF8.GetChars(name, chars);
            node = default;
            if (kv.ModRevision > _revision || !_byName.TryGetValue(chars[..length], out int index) || _nodes[index].ModRevision != kv.ModRevision)
                return false;
            node = _nodes[index];
            return true;
        }
    }

    private static bool IsInOrder(List<SnapshotNode> nodes)
    {
        for (int i = 1; i < nodes.Count; i++)
            if (string.CompareOrdinal(nodes[i - 1].Node, nodes[i].Node) > 0) return false;
        return true;
    }

    /// <summary>The node is named by its key, not by the value: etcd's roles let a node write only its own key, while
    /// the value says whatever the node put in it.</summary>
    private ClusterNode? NodeFrom(Mvccpb.KeyValue kv, HeartbeatNodeReader heartbeats) =>
        heartbeats.Read(System.Text.Encoding.UTF8.GetString(kv.Key.Span[_nodesPrefixBytes..]), kv.Value.Span, kv.ModRevision);

    private ClusterFailure? FailureFrom(Mvccpb.KeyValue kv)
    {
        try
        {
            if (FailureRecord.FromJson(kv.Value.ToStringUtf8()) is not { } r) return null;
            bool tempUrlValid = r.TempUrl is not null && r.TempUrlExpiresAt is { } expires && expires > DateTimeOffset.UtcNow;
            return new ClusterFailure(kv.Key.ToStringUtf8()[settings.FailuresPrefix.Length..], r.FailingTests ?? [], r.FailingTotal, r.PluginErrors ?? [], r.FirstFailedAt, r.LastRunAt,
                tempUrlValid ? r.TempUrl : r.ObjectUrl, r.Signature, r.RunId);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static System.Text.Json.JsonElement? JsonElementFrom(Mvccpb.KeyValue kv)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(kv.Value.Memory);
            return document.RootElement.Clone();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private sealed class CostCounter
    {
        private int _calls;
        private long _bytes;
        private int _values;

        public void Add(RangeResponse response)
        {
            _calls++;
            _bytes += response.CalculateSize();
            _values += response.Kvs.Count(kv => !kv.Value.IsEmpty);
        }

        public ClusterReadCost Result => new(_calls, _bytes, _values);
    }
}

/// <summary>What one snapshot read cost: range calls, bytes etcd answered, and values (not bare keys) among them.</summary>
public sealed record ClusterReadCost(int Calls, long Bytes, int Values);
