using System.Text.Json;
using NUnit.Framework;

namespace NodeMonitor.Checks.Cluster;

/// <summary>
/// The cluster as a cluster plugin sees it: every live node with its labels and facts, every failure record, at one
/// etcd revision. Under <c>nodemonitor run</c> (on the node that holds the aggregator election) it is the snapshot the
/// runner took for this run; anywhere else it is read from the file <see cref="Variable"/> names, e.g. a snapshot saved
/// with <c>nodemonitor cluster snapshot --format json</c>, so the same test runs under <c>dotnet test</c> at a desk and in
/// CI. Without a view, <see cref="Current"/> ends the test as Inconclusive, saying why.
/// </summary>
public sealed class ClusterView
{
    /// <summary>The environment variable naming the snapshot file.</summary>
    public const string Variable = "NODEMONITOR_CLUSTER_VIEW";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly object Gate = new();
    private static (string Path, ClusterView View)? _loaded;

    public long Revision { get; init; }

    public DateTimeOffset TakenAt { get; init; }

    public IReadOnlyList<ClusterViewNode> Nodes { get; init; } = [];

    public IReadOnlyList<ClusterViewFailure> Failures { get; init; } = [];

    /// <summary>The view of this run, read once per file; Inconclusive (not an error) when there is none.</summary>
    public static ClusterView Current
    {
        get
        {
            string? path = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrWhiteSpace(path))
            {
                Assert.Inconclusive($"no cluster view: {Variable} is not set (nodemonitor run sets it for cluster plugins; at a desk, " +
                                    "point it at a snapshot saved with `nodemonitor cluster snapshot --format json`)");
            }
            lock (Gate)
            {
                if (_loaded is { } loaded && loaded.Path == path) return loaded.View;
                var view = Load(path!);
                _loaded = (path!, view);
                return view;
            }
        }
    }

    /// <summary>Reads a snapshot file; Inconclusive when it is missing or not a snapshot.</summary>
    public static ClusterView Load(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            return JsonSerializer.Deserialize<ClusterView>(file, Json) ?? throw new JsonException("the file holds null");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            Assert.Inconclusive($"no cluster view: cannot read {path}: {e.Message}");
            throw; // not reached: Inconclusive throws
        }
    }

    /// <summary>The live node named <paramref name="node"/>, or null.</summary>
    public ClusterViewNode? Node(string node) => Nodes.FirstOrDefault(n => n.Node == node);

    /// <summary>Live nodes whose label <paramref name="label"/> is <paramref name="value"/>.</summary>
    public IReadOnlyList<ClusterViewNode> WithLabel(string label, string value) =>
        Nodes.Where(n => n.Labels.TryGetValue(label, out var v) && v == value).ToList();

    /// <summary>Live nodes whose fact <paramref name="fact"/> is <paramref name="value"/>.</summary>
    public IReadOnlyList<ClusterViewNode> WithFact(string fact, string value) =>
        Nodes.Where(n => n.Facts.TryGetValue(fact, out var v) && v == value).ToList();

    /// <summary>Live nodes grouped by the value of label <paramref name="label"/> (nodes without it are left out).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ClusterViewNode>> GroupByLabel(string label) =>
        Nodes.Where(n => n.Labels.ContainsKey(label)).GroupBy(n => n.Labels[label], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ClusterViewNode>)g.ToList(), StringComparer.Ordinal);

    /// <summary>The failure record of <paramref name="node"/>, or null when it has none.</summary>
    public ClusterViewFailure? FailureOf(string node) => Failures.FirstOrDefault(f => f.Node == node);

    public bool IsFailing(ClusterViewNode node) => FailureOf(node.Node) is not null;
}

/// <summary>A live node: name, labels, facts and when it last wrote its heartbeat.</summary>
public sealed class ClusterViewNode
{
    public string Node { get; init; } = "";

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Facts { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset LastSeen { get; init; }

    public string? Version { get; init; }

    public bool? LastRunPassed { get; init; }

    public override string ToString() => Node;
}

/// <summary>A failure record: the node (or the cluster's reserved name), its failing tests, since when, and the link.</summary>
public sealed class ClusterViewFailure
{
    public string Node { get; init; } = "";

    public IReadOnlyList<string> FailingTests { get; init; } = [];

    public int FailingTotal { get; init; }

    public IReadOnlyList<string> PluginErrors { get; init; } = [];

    public DateTimeOffset Since { get; init; }

    public string? Link { get; init; }

    public override string ToString() => $"{Node} ({FailingTotal} failing)";
}
