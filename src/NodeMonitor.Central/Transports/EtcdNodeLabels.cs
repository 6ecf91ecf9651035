using dotnet_etcd;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Etcd;

namespace NodeMonitor.Central;

/// <summary>
/// Every node's labels as its heartbeat (<c>&lt;prefix&gt;nodes/&lt;node&gt;</c>) carries them, for judging silences with
/// label matchers. Read only when a silence has such matchers; a node without a heartbeat key has unknown labels
/// (absent from the map), a node that has one but no labels an empty map.
/// </summary>
public sealed class EtcdNodeLabels(EtcdClient client, EtcdSettings settings)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> ReadAsync(DateTime deadlineUtc, CancellationToken ct) =>
        EtcdConnection.CallAsync<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>>($"read {settings.NodesPrefix}", async () =>
        {
            var values = await client.GetRangeValAsync(settings.NodesPrefix, deadline: deadlineUtc, cancellationToken: ct);
            var labels = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
            foreach (var (key, json) in values)
                if (NodeOf(key, settings.NodesPrefix) is { } node) labels[node] = Of(json);
            return labels;
        }, ct);

    /// <summary>Only when some silence in <paramref name="silences"/> has label matchers; otherwise an empty map, no read.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> ReadIfNeededAsync(IEnumerable<Silence> silences,
        DateTime deadlineUtc, CancellationToken ct) =>
        silences.Any(s => s.Labels is { Count: > 0 }) ? await ReadAsync(deadlineUtc, ct) : new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>The labels a heartbeat value carries (empty when it has none or is not a heartbeat).</summary>
    public static IReadOnlyDictionary<string, string> Of(string heartbeatJson) => HeartbeatValue.FromJson(heartbeatJson)?.Labels ?? None;

    /// <summary>The node a key directly under <paramref name="prefix"/> stands for; null for anything else.</summary>
    public static string? NodeOf(string key, string prefix) =>
        key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length && key.IndexOf('/', prefix.Length) < 0 ? key[prefix.Length..] : null;
}
