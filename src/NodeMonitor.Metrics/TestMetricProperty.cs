using System.Text.Json;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Metrics;

/// <summary>
/// Reads the samples a plugin recorded with NodeMonitor.Checks' <c>Metric</c> API, and the perfdata of Nagios commands
/// (NodeMonitor.Core.Nagios.PerfDataMetric). Each one is a test property named <see cref="PropertyName"/> holding JSON
/// <c>{"name","value","kind","unit","labels","time","total"}</c> (time in Unix milliseconds; <c>total</c> true when a
/// counter's value is its running total rather than an increase), so samples travel with the test's result through
/// the worker and into NUnit XML at a desk.
/// </summary>
public static class TestMetricProperty
{
    /// <summary>Same text as NodeMonitor.Checks.Metrics.MetricProperty.Name (the two packages share no code).</summary>
    public const string PropertyName = "nodemonitor.metric";

    /// <summary>The samples of <paramref name="test"/>, labelled with its plugin and test name; a malformed or
    /// invalid sample, or one with a name reserved for NodeMonitor (<see cref="ReservedMetricNames"/>), is reported to
    /// <paramref name="rejected"/> naming the test and skipped, never failing the run.</summary>
    public static IEnumerable<MetricSample> Read(TestCaseResult test, Action<string> rejected)
    {
        foreach (var (key, json) in test.Properties)
        {
            if (key != PropertyName) continue;
            MetricSample? sample = null;
            try
            {
                sample = Parse(json, test);
                if (ReservedMetricNames.IsReserved(sample.Name))
                {
                    rejected($"{test.Plugin}: {test.FullName}: dropped metric {sample.Name}: names starting with " +
                             $"{ReservedMetricNames.Prefix} are reserved for NodeMonitor's own metrics");
                    continue;
                }
                MetricSampleRules.Check(sample);
            }
            catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException or KeyNotFoundException)
            {
                rejected($"{test.Plugin}: {test.FullName}: ignored metric {json}: {e.Message}");
                sample = null;
            }
            if (sample is not null) yield return sample;
        }
    }

    private static MetricSample Parse(string json, TestCaseResult test)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("labels", out var given) && given.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in given.EnumerateObject()) labels[label.Name] = label.Value.GetString() ?? "";
        }
        // The plugin is always known and always wanted; the test name only when the author did not label it.
        labels["plugin"] = test.Plugin;
        labels.TryAdd("test", test.FullName);
        var time = root.TryGetProperty("time", out var t) && t.ValueKind == JsonValueKind.Number
            ? DateTimeOffset.FromUnixTimeMilliseconds(t.GetInt64())
            : test.StartTime + test.Duration;
        var kind = root.TryGetProperty("kind", out var k) && k.GetString() is { } kindText
            ? Enum.Parse<MetricKind>(kindText, ignoreCase: true)
            : MetricKind.Gauge;
        string? unit = root.TryGetProperty("unit", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        bool total = root.TryGetProperty("total", out var isTotal) && isTotal.ValueKind == JsonValueKind.True;
        return new MetricSample(
            root.GetProperty("name").GetString() ?? throw new FormatException("no name"),
            root.GetProperty("value").GetDouble(),
            time, kind, unit, labels, total);
    }

}
