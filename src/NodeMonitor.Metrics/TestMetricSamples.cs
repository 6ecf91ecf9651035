using NodeMonitor.Core.Results;

namespace NodeMonitor.Metrics;

/// <summary>
/// The samples a test recorded (<see cref="TestCaseResult.Metrics"/>: a plugin's <c>Metric</c> calls, Nagios perfdata,
/// read once where NUnit's result is read) as samples for the store, labelled with their plugin and, unless the author
/// labelled it, their test. A sample that could not be read, that the store cannot take, or whose name is reserved for
/// NodeMonitor (<see cref="ReservedMetricNames"/>), is reported to <c>rejected</c> naming the test and skipped, never
/// failing the run.
/// </summary>
public static class TestMetricSamples
{
    public static IEnumerable<MetricSample> From(TestCaseResult test, Action<string> rejected)
    {
        foreach (string problem in test.RejectedMetrics) rejected($"{test.Plugin}: {test.FullName}: ignored metric {problem}");
        foreach (var metric in test.Metrics)
        {
            if (ReservedMetricNames.IsReserved(metric.Name))
            {
                rejected($"{test.Plugin}: {test.FullName}: dropped metric {metric.Name}: names starting with " +
                         $"{ReservedMetricNames.Prefix} are reserved for NodeMonitor's own metrics");
                continue;
            }
            var labels = new SortedDictionary<string, string>(metric.Labels.ToDictionary(), StringComparer.Ordinal)
            {
                // The plugin is always known and always wanted; the test name only when the author did not label it.
                ["plugin"] = test.Plugin,
            };
            labels.TryAdd("test", test.FullName);
            var sample = new MetricSample(metric.Name, metric.Value, metric.Time ?? test.StartTime + test.Duration,
                metric.Kind, metric.Unit, labels, metric.ValueIsTotal);
            string? problem = MetricSampleRules.Problem(sample);
            if (problem is null) yield return sample;
            else rejected($"{test.Plugin}: {test.FullName}: ignored metric {TestMetricJson.ToJson(metric)}: {problem}");
        }
    }
}
