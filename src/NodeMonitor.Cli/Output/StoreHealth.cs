using NodeMonitor.Cli.Json;
using NodeMonitor.Cli.Wiring;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Storage;
using NodeMonitor.Metrics;

namespace NodeMonitor.Cli.Output;

/// <summary>What <c>status</c> says about the pipeline itself: each sink's failures so far, and the corrupt stores moved aside.</summary>
internal sealed record StoreHealth(IReadOnlyList<MetricSeries> SinkErrors, IReadOnlyList<string> MovedAside)
{
    public const string SinkErrorsMetric = "nodemonitor_sink_errors_total";

    public static StoreHealth Read(NodeMonitorConfig cfg, StoreDatabase database) =>
        new(MetricStore.On(database, NodePipeline.Retention(cfg)).Series(SinkErrorsMetric),
            StoreQuarantine.MovedAsideIn(cfg.StateDirectory));

    public StoreHealthDocument Document() => new(
        [.. SinkErrors.Select(s => new SinkErrorDocument(s.Labels.GetValueOrDefault("sink"), s.LastValue, s.LastTime))], MovedAside);

    public void Write(TextWriter output)
    {
        if (SinkErrors.Count == 0 && MovedAside.Count == 0) return;
        output.WriteLine("Pipeline:");
        foreach (var s in SinkErrors)
            output.WriteLine($"  sink errors {s.Labels.GetValueOrDefault("sink")}: {s.LastValue:0} (last {s.LastTime.ToLocalTime():yyyy-MM-dd HH:mm:ss})");
        foreach (string aside in MovedAside)
            output.WriteLine($"  CORRUPT STORE moved aside: {aside} (a fresh store was started; older history is in that file)");
    }
}
