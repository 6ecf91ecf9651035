using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Etcd;

namespace NodeMonitor.Central;

/// <summary>
/// Nodes' labels as their heartbeats (<c>&lt;prefix&gt;nodes/&lt;node&gt;</c>) carry them, for judging silences with label
/// matchers. Only the heartbeats of the nodes asked about are read (the failing ones, never the whole fleet), with one
/// transaction of gets per <see cref="GetsPerTxn"/> nodes. A node without a heartbeat key has unknown labels (absent from
/// the map), a node that has one but no labels an empty map.
/// </summary>
public sealed class EtcdNodeLabels(EtcdClient client, EtcdSettings settings)
{
    /// <summary>etcd's default limit of operations in one transaction (<c>--max-txn-ops</c>).</summary>
    public const int GetsPerTxn = 128;

    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    /// <summary>The labels of <paramref name="nodes"/>; names that are no node's key (empty, or with a '/') are left unknown.</summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> ReadAsync(IEnumerable<string> nodes, DateTime deadlineUtc,
        CancellationToken ct) =>
        EtcdConnection.CallAsync<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>>($"read {settings.NodesPrefix}", async () =>
        {
            var labels = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
            var keys = nodes.Distinct(StringComparer.Ordinal).Select(settings.NodeKey).Where(k => NodeOf(k, settings.NodesPrefix) is not null);
            foreach (var chunk in keys.Chunk(GetsPerTxn))
            {
                var txn = new TxnRequest();
                foreach (string key in chunk) txn.Success.Add(new RequestOp { RequestRange = new RangeRequest { Key = ByteString.CopyFromUtf8(key) } });
                var response = await client.TransactionAsync(txn, deadline: deadlineUtc, cancellationToken: ct);
                foreach (var kv in response.Responses.SelectMany(r => r.ResponseRange.Kvs))
                    if (NodeOf(kv.Key.ToStringUtf8(), settings.NodesPrefix) is { } node) labels[node] = Of(kv.Value.ToStringUtf8());
            }
            return labels;
        }, ct);

    /// <summary>The labels of the <paramref name="failingNodes"/> that a silence active at <paramref name="now"/> with label
    /// matchers may cover (by its node glob); an empty map, and no read, when no such silence is active.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> ReadIfNeededAsync(IEnumerable<Silence> silences,
        IEnumerable<string> failingNodes, DateTimeOffset now, DateTime deadlineUtc, CancellationToken ct)
    {
        var asking = silences.Where(s => s.IsActiveAt(now) && s.Labels is { Count: > 0 }).ToList();
        var nodes = asking.Count == 0 ? [] : failingNodes.Where(n => asking.Any(s => s.MatchesNodeName(n))).ToList();
        return nodes.Count > 0 ? await ReadAsync(nodes, deadlineUtc, ct) : new Dictionary<string, IReadOnlyDictionary<string, string>>();
    }

    /// <summary>The labels a heartbeat value carries (empty when it has none or is not a heartbeat).</summary>
    public static IReadOnlyDictionary<string, string> Of(string heartbeatJson) => HeartbeatValue.FromJson(heartbeatJson)?.Labels ?? None;

    /// <summary>The node a key directly under <paramref name="prefix"/> stands for; null for anything else.</summary>
    public static string? NodeOf(string key, string prefix) =>
        key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length && key.IndexOf('/', prefix.Length) < 0 ? key[prefix.Length..] : null;
}
