using NodeMonitor.Central;
using NodeMonitor.Central.Cluster;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Discovery;

namespace NodeMonitor.Cli.Wiring;

/// <summary>
/// The cluster plugins of one run: without any, nothing happens (no etcd call). With some, this node takes its turn
/// (<see cref="ClusterAggregator"/>); the leader runs them with <c>NODEMONITOR_CLUSTER_VIEW</c> naming the snapshot, in a
/// directory of its own removed afterwards; any other node leaves them out of its plan and says who evaluates them.
/// </summary>
internal sealed class ClusterRound : IDisposable
{
    private readonly string? _viewDirectory;

    private ClusterRound(RunPlan plan, IReadOnlySet<string> clusterPlugins, ClusterAggregator? aggregator, ClusterTurn? turn, string? viewDirectory)
    {
        Plan = plan;
        ClusterPlugins = clusterPlugins;
        Aggregator = aggregator;
        Turn = turn;
        _viewDirectory = viewDirectory;
    }

    /// <summary>The plan to run: cluster plugins only when this node evaluates them.</summary>
    public RunPlan Plan { get; }

    public IReadOnlySet<string> ClusterPlugins { get; }

    public ClusterAggregator? Aggregator { get; }

    public ClusterTurn? Turn { get; }

    /// <summary>The summary's line about cluster plugins; null when the plan has none.</summary>
    public string? Line(string node) => Turn?.Describe(node);

    public static async Task<ClusterRound> StartAsync(NodeMonitorConfig cfg, CentralConnections? central, RunPlan plan, CancellationToken ct)
    {
        var clusterPlugins = plan.Plugins.Where(p => p.Plugin.Manifest.Scope == PluginScope.Cluster)
            .Select(p => p.Plugin.Name).ToHashSet(StringComparer.Ordinal);
        if (clusterPlugins.Count == 0) return new ClusterRound(plan, clusterPlugins, null, null, null);
        if (central?.Etcd is null)
            return new ClusterRound(WithoutCluster(plan), clusterPlugins, null, ClusterTurn.Skip("no etcd section in the configuration"), null);
        var aggregator = new ClusterAggregator(central.Etcd, cfg.Etcd!, cfg.Report, cfg.Node, cfg.StateDirectory);
        var directory = Directory.CreateTempSubdirectory("nodemonitor-cluster-").FullName;
        // A cluster plugin may run as its own account: it must be able to read the view.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        var turn = await aggregator.TakeTurnAsync(directory, ct);
        var runPlan = turn.Evaluates ? WithView(plan, clusterPlugins, turn.ViewFile!) : WithoutCluster(plan);
        return new ClusterRound(runPlan, clusterPlugins, aggregator, turn, directory);
    }

    public void Dispose()
    {
        try
        {
            if (_viewDirectory is not null) Directory.Delete(_viewDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is harmless.
        }
    }

    private static RunPlan WithoutCluster(RunPlan plan) =>
        new(plan.Plugins.Where(p => p.Plugin.Manifest.Scope != PluginScope.Cluster).ToList());

    private static RunPlan WithView(RunPlan plan, IReadOnlySet<string> clusterPlugins, string viewFile) =>
        new(plan.Plugins.Select(p => !clusterPlugins.Contains(p.Plugin.Name) ? p : p with
        {
            Plugin = p.Plugin with
            {
                Manifest = p.Plugin.Manifest with
                {
                    Environment = new Dictionary<string, string>(p.Plugin.Manifest.Environment) { ["NODEMONITOR_CLUSTER_VIEW"] = viewFile },
                },
            },
        }).ToList());
}
