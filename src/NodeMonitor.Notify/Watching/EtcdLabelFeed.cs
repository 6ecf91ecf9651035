using dotnet_etcd;
using NodeMonitor.Central;
using NodeMonitor.Etcd;

namespace NodeMonitor.Notify;

/// <summary>
/// Feeds the engine each node's labels from the heartbeats (<c>&lt;prefix&gt;nodes/</c>): a range read in pages, then a watch from
/// the revision after it, read again when the watch ends and every <paramref name="reconcileEvery"/>. Only changed
/// labels are posted (a heartbeat is written every run; its labels rarely change). A heartbeat key that goes (its
/// lease ended: the node is down) keeps the labels last seen, so a silence by label still covers a node that stopped.
/// </summary>
public sealed class EtcdLabelFeed(EtcdClient client, string nodesPrefix, TimeSpan deadline, TimeSpan reconcileEvery,
    Action<EngineInput> post, TimeProvider clock, Action<string> log)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _known = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken ct)
    {
        int failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var (kvs, revision) = await new EtcdRangePages(client, deadline).ReadAllAsync(nodesPrefix, 0, ct);
                Post(kvs.Select(kv => (kv.Key.ToStringUtf8(), kv.Value.ToStringUtf8())), always: true);
                failures = 0;
                string? why = await PrefixWatch.RunAsync(client, nodesPrefix, revision + 1,
                    r => Post(r.Events.Where(e => e.Type == Mvccpb.Event.Types.EventType.Put).Select(e => (e.Kv.Key.ToStringUtf8(), e.Kv.Value.ToStringUtf8())), always: false),
                    () => { }, reconcileEvery, clock, ct);
                if (why is not null) log($"watch of {nodesPrefix} ended ({why}); reading it again");
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                failures++;
                if (failures == 1 || failures % 10 == 0) log($"{EtcdConnection.Failure($"watch {nodesPrefix}", e).Message}; retrying");
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, failures)), clock, ct);
            }
        }
    }

    private void Post(IEnumerable<(string Key, string Json)> heartbeats, bool always)
    {
        lock (_gate)
        {
            var changed = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
            foreach (var (key, json) in heartbeats)
            {
                if (EtcdNodeLabels.NodeOf(key, nodesPrefix) is not { } node) continue;
                var labels = EtcdNodeLabels.Of(json);
                if (_known.TryGetValue(node, out var before) && Same(before, labels)) continue;
                _known[node] = labels;
                changed[node] = labels;
            }
            if (always || changed.Count > 0) post(new NodeLabelsRead(changed));
        }
    }

    private static bool Same(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(l => b.TryGetValue(l.Key, out var v) && v == l.Value);
}
