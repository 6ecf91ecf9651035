using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Pipeline;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Central.Cluster;

/// <summary>
/// The pipeline's stage for cluster plugins, after the node's own report: on the node that evaluated them this run,
/// their verdict (each plugin judged with its own <c>retries</c>, from the stored states) goes to
/// <see cref="ClusterFailurePublisher"/>. A run that was not stored reports nothing; the next one will.
/// </summary>
public sealed class ClusterReportSink(ClusterAggregator aggregator, ClusterTurn turn, CentralConnections connections, StoreDatabase? database,
    Func<string, int> retriesOf, IReadOnlySet<string> clusterPlugins) : IResultSink
{
    public string Name => "cluster";

    /// <summary>What the last write did (for the summary and tests); null before one.</summary>
    public ClusterReportOutcome? Outcome { get; private set; }

    public async Task WriteAsync(RunResult run, SinkContext context, CancellationToken ct)
    {
        if (!turn.Evaluates || !context.Stored || database is null) return;
        var clusterRun = run with
        {
            Node = NodeName.Cluster,
            Plugins = run.Plugins.Where(p => clusterPlugins.Contains(p.Name)).ToList(),
        };
        var states = LocalStore.On(database, connections.Config.Retention).CurrentStates()
            .Where(s => clusterPlugins.Contains(s.Plugin)).ToList();
        var state = FailureStateEvaluator.Evaluate(clusterRun, states, retriesOf);
        var current = turn.Snapshot!.Failures.FirstOrDefault(f => f.Node == NodeName.Cluster);
        var publisher = new ClusterFailurePublisher(aggregator.Election, connections.Config.Etcd!, connections.Bundles,
            connections.Config.Report, connections.CallDeadline);
        try
        {
            Outcome = await publisher.PublishAsync(turn.Term!, current, state, () => FailureBundle.From(clusterRun), CancellationToken.None);
        }
        catch (CentralDeliveryException e)
        {
            throw new CentralDeliveryException($"cluster report not delivered (made again next run): {e.Message}", e);
        }
        if (Outcome == ClusterReportOutcome.Fenced)
            throw new CentralDeliveryException("cluster report refused: this node no longer holds the aggregator election");
    }
}
