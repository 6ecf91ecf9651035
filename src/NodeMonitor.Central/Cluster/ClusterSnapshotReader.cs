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
/// since (a range filtered by <c>min_mod_revision</c>); a node whose key is gone has expired. Failure records (few) and
/// silences are read whole. Ranges are paged so no answer grows with the fleet.
/// </summary>
public sealed class ClusterSnapshotReader(EtcdClient client, EtcdSettings settings, TimeProvider? clock = null)
{
    /// <summary>Keys per page: about 0.5 MB of heartbeat values, well within gRPC's message limit.</summary>
    public const int PageSize = 1000;

    /// <summary>What the last read cost, for benchmarks and <c>cluster status</c>.</summary>
    public ClusterReadCost LastCost { get; private set; } = new(0, 0, 0);

    /// <param name="previous">The snapshot taken last time (same prefix), or null for a full read.</param>
    /// <exception cref="CentralDeliveryException">A call failed or did not finish in time.</exception>
    public async Task<ClusterSnapshot> ReadAsync(ClusterSnapshot? previous, DateTime deadlineUtc, CancellationToken ct)
    {
        if (previous is not null && previous.Prefix != settings.Prefix) previous = null;
        var cost = new CostCounter();
        long revision = 0;
        var nodes = new List<ClusterNode>();
        int unreadable = 0;
        if (previous is null)
        {
            revision = await PagesAsync(settings.NodesPrefix, revision, keysOnly: false, minModRevision: 0, cost, kv =>
            {
                if (NodeFrom(kv) is { } node) nodes.Add(node); else unreadable++;
            }, deadlineUtc, ct);
        }
        else
        {
            var known = previous.Nodes.ToDictionary(n => settings.NodeKey(n.Node), StringComparer.Ordinal);
            var listed = new List<(string Key, long ModRevision)>();
            revision = await PagesAsync(settings.NodesPrefix, revision, keysOnly: true, minModRevision: 0, cost,
                kv => listed.Add((kv.Key.ToStringUtf8(), kv.ModRevision)), deadlineUtc, ct);
            // etcd restored from an older backup (or replaced): revisions went back, so "changed since" means nothing.
            if (revision < previous.Revision) return await ReadAsync(null, deadlineUtc, ct);
            var changed = new Dictionary<string, ClusterNode?>(StringComparer.Ordinal);
            if (listed.Any(l => !known.TryGetValue(l.Key, out var n) || n.ModRevision != l.ModRevision))
                await PagesAsync(settings.NodesPrefix, revision, keysOnly: false, minModRevision: previous.Revision + 1, cost,
                    kv => changed[kv.Key.ToStringUtf8()] = NodeFrom(kv), deadlineUtc, ct);
            foreach (var (key, modRevision) in listed)
            {
                if (changed.TryGetValue(key, out var fresh)) { if (fresh is null) unreadable++; else nodes.Add(fresh); }
                else if (known.TryGetValue(key, out var same) && same.ModRevision == modRevision) nodes.Add(same);
                else unreadable++; // changed, yet not in the changed range: only a value the node wrote twice unreadably
            }
        }
        var failures = new List<ClusterFailure>();
        await PagesAsync(settings.FailuresPrefix, revision, keysOnly: false, minModRevision: 0, cost, kv =>
        {
            if (FailureFrom(kv) is { } failure) failures.Add(failure);
        }, deadlineUtc, ct);
        var silences = new List<System.Text.Json.JsonElement>();
        await PagesAsync(settings.Prefix + "silences/", revision, keysOnly: false, minModRevision: 0, cost, kv =>
        {
            if (JsonElementFrom(kv) is { } silence) silences.Add(silence);
        }, deadlineUtc, ct);
        LastCost = cost.Result;
        nodes.Sort((a, b) => string.CompareOrdinal(a.Node, b.Node));
        return new ClusterSnapshot(revision, (clock ?? TimeProvider.System).GetUtcNow(), settings.Prefix, nodes, failures, silences)
        {
            UnreadableNodes = unreadable,
        };
    }

    /// <summary>Reads every key under <paramref name="prefix"/> in pages, all at one revision (the first page's when
    /// <paramref name="revision"/> is 0); returns that revision.</summary>
    private async Task<long> PagesAsync(string prefix, long revision, bool keysOnly, long minModRevision, CostCounter cost,
        Action<Mvccpb.KeyValue> each, DateTime deadlineUtc, CancellationToken ct)
    {
        var start = ByteString.CopyFromUtf8(prefix);
        var end = ByteString.CopyFromUtf8(EtcdClient.GetRangeEnd(prefix));
        while (true)
        {
            var request = new RangeRequest
            {
                Key = start, RangeEnd = end, Limit = PageSize, Revision = revision, KeysOnly = keysOnly, MinModRevision = minModRevision,
            };
            var response = await EtcdConnection.CallAsync($"read {prefix}", () =>
                client.GetAsync(request, deadline: deadlineUtc, cancellationToken: ct), ct);
            if (revision == 0) revision = response.Header.Revision;
            cost.Add(response);
            foreach (var kv in response.Kvs) each(kv);
            if (!response.More || response.Kvs.Count == 0) return revision;
            // The next page starts just after the last key of this one.
            start = ByteString.CopyFrom([.. response.Kvs[^1].Key.Span, 0]);
        }
    }

    private static ClusterNode? NodeFrom(Mvccpb.KeyValue kv)
    {
        if (HeartbeatValue.FromJson(kv.Value.ToStringUtf8()) is not { Node.Length: > 0 } value) return null;
        return new ClusterNode(value.Node, value.Labels ?? Empty, value.Facts ?? Empty, value.WrittenAt, value.Version, value.Passed,
            kv.ModRevision);
    }

    private static ClusterFailure? FailureFrom(Mvccpb.KeyValue kv)
    {
        try
        {
            if (FailureRecord.FromJson(kv.Value.ToStringUtf8()) is not { Node.Length: > 0 } r) return null;
            bool tempUrlValid = r.TempUrl is not null && r.TempUrlExpiresAt is { } expires && expires > DateTimeOffset.UtcNow;
            return new ClusterFailure(r.Node, r.FailingTests ?? [], r.FailingTotal, r.PluginErrors ?? [], r.FirstFailedAt, r.LastRunAt,
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

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

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
