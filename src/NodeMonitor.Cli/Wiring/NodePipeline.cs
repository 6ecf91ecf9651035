using NodeMonitor.Central;
using NodeMonitor.Central.Cluster;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Pipeline;
using NodeMonitor.Core.Reporting;
using NodeMonitor.Core.Security;
using NodeMonitor.Core.Storage;
using NodeMonitor.Metrics;

namespace NodeMonitor.Cli.Wiring;

/// <summary>The sinks of a node's run, in their order: local store, metrics, result files, central report, sync.</summary>
internal static class NodePipeline
{
    /// <param name="installed">Every plugin folder under the root (states of other plugins retire); null for ingest.</param>
    /// <param name="retriesOf">Each plugin's own retries, for the central report.</param>
    /// <param name="central">Null when the configuration has no etcd or swift section (or for ingest).</param>
    public static RunPipeline Create(NodeMonitorConfig cfg, RunStore store, IReadOnlySet<string>? installed, Func<string, int> retriesOf,
        IReadOnlyList<ResultFileSpec> resultFiles, CentralConnections? central, TextWriter errors, ClusterRound? cluster = null)
    {
        var database = store.Database;
        var metrics = new MetricsSink(database is null ? null : MetricStore.On(database, Retention(cfg)),
            rejected => errors.WriteLine($"nodemonitor: warning: {TerminalText.Line(rejected)}"));
        var sinks = new List<IResultSink>
        {
            new LocalStoreSink(database is null ? null : LocalStore.On(database, cfg.Retention), store.OpenError, installed),
            metrics,
        };
        sinks.AddRange(resultFiles.Select(spec => new ResultFileSink(spec)));
        if (central is not null)
        {
            // The sync of passing results shares the run's reporting budget with the report.
            var budgetEnd = DateTime.UtcNow + cfg.Report.Budget;
            sinks.Add(new CentralReportSink(central, database, retriesOf, installed, cluster?.ClusterPlugins));
            if (cluster is { Aggregator: { } aggregator, Turn: { Evaluates: true } turn })
                sinks.Add(new ClusterReportSink(aggregator, turn, central, database, retriesOf, cluster.ClusterPlugins));
            if (database is not null) sinks.Add(new PassedResultsSyncSink(central, database, budgetEnd));
        }
        return new RunPipeline(sinks, metrics);
    }

    public static MetricRetention Retention(NodeMonitorConfig cfg) =>
        new(TimeSpan.FromHours(cfg.Metrics.RawHours), TimeSpan.FromDays(cfg.Metrics.RollupDays));

    /// <summary>One warning line per failed sink; true when the run is stored.</summary>
    public static bool Report(PipelineOutcome outcome, TextWriter errors)
    {
        foreach (var error in outcome.Errors)
            errors.WriteLine(error.Sink is "central" or "sync" or "cluster"
                ? $"nodemonitor: warning: {error.Message}"
                : $"nodemonitor: warning: could not write to {error.Sink}: {error.Message}");
        if (!outcome.Stored)
        {
            var local = outcome.Errors.FirstOrDefault(e => e.Sink == LocalStoreSink.SinkName);
            errors.WriteLine($"nodemonitor: cannot run: the run was not stored{(local is null ? "" : $": {local.Message}")}");
        }
        return outcome.Stored;
    }
}
