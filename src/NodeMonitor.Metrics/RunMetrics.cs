using NodeMonitor.Core.Pipeline;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Metrics;

/// <summary>The runner's own metrics for one run (the host measures itself), plus the samples its tests recorded.</summary>
public static class RunMetrics
{
    public static IReadOnlyList<MetricSample> From(RunResult run, IReadOnlyList<SinkError> sinkErrors, Action<string> rejected)
    {
        var at = run.EndTime;
        var samples = new List<MetricSample>
        {
            new("nodemonitor_run_duration_seconds", run.Duration.TotalSeconds, at, MetricKind.Gauge, "seconds"),
            new("nodemonitor_run_success", run.Passed ? 1 : 0, at),
            new("nodemonitor_runs_total", 1, at, MetricKind.Counter),
        };
        var counts = run.Counts;
        foreach (var (outcome, count) in new[]
                 {
                     ("passed", counts.Passed), ("failed", counts.Failed), ("warning", counts.Warnings),
                     ("inconclusive", counts.Inconclusive), ("skipped", counts.Skipped),
                 })
        {
            samples.Add(new("nodemonitor_tests", count, at, MetricKind.Gauge, null, Labels(("outcome", outcome))));
        }
        foreach (var plugin in run.Plugins)
        {
            var labels = Labels(("plugin", plugin.Name));
            samples.Add(new("nodemonitor_plugin_duration_seconds", plugin.Duration.TotalSeconds, at, MetricKind.Gauge, "seconds", labels));
            samples.Add(new("nodemonitor_plugin_success", plugin.Succeeded ? 1 : 0, at, MetricKind.Gauge, null, labels));
        }
        // Every sink gets a series from its first error on; a run without errors adds nothing, and a counter's
        // missing samples read as "unchanged".
        samples.AddRange(SinkErrors(sinkErrors, at));
        foreach (var test in run.Plugins.SelectMany(p => p.Tests))
            samples.AddRange(TestMetricProperty.Read(test, rejected));
        return samples;
    }

    /// <summary>One increment of <c>nodemonitor_sink_errors_total{sink}</c> per failed sink.</summary>
    public static IReadOnlyList<MetricSample> SinkErrors(IReadOnlyList<SinkError> sinkErrors, DateTimeOffset at) =>
        sinkErrors.GroupBy(e => e.Sink)
            .Select(g => new MetricSample("nodemonitor_sink_errors_total", g.Count(), at, MetricKind.Counter, null, Labels(("sink", g.Key))))
            .ToList();

    private static IReadOnlyDictionary<string, string> Labels(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
