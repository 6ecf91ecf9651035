using System.Text.Json;
using NUnit.Framework.Internal;

namespace NodeMonitor.Checks.Metrics;

/// <summary>
/// Records numeric samples from inside a test. Each sample becomes a property of the running test named
/// <see cref="PropertyName"/>, so it travels with the test's result: under <c>nodemonitor run</c> into the node's
/// metric store, at a desk into the NUnit result XML (nowhere else). Outside a test the call does nothing.
/// </summary>
/// <example><code>Metric.Gauge("disk_free_ratio", free / size, "ratio", ("mount", "/"));</code></example>
public static class Metric
{
    /// <summary>The test property carrying one sample as JSON (read by NodeMonitor.Metrics.TestMetricProperty).</summary>
    public const string PropertyName = "nodemonitor.metric";

    /// <summary>Names starting with this are NodeMonitor's own; the node drops a plugin's sample so named (same text as
    /// NodeMonitor.Metrics.ReservedMetricNames.Prefix).</summary>
    public const string ReservedPrefix = "nodemonitor_";

    /// <summary>Records a measurement (free space, a latency, a temperature).</summary>
    public static void Gauge(string name, double value, string? unit = null, params (string Key, string Value)[] labels) =>
        Record("gauge", name, value, unit, labels);

    /// <summary>Records an increase; the node adds it to the series' running total. Name it <c>*_total</c>.</summary>
    public static void Counter(string name, double increase, string? unit = null, params (string Key, string Value)[] labels) =>
        Record("counter", name, increase, unit, labels);

    private static void Record(string kind, string name, double value, string? unit, (string Key, string Value)[] labels)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"metric names starting with {ReservedPrefix} are reserved for NodeMonitor's own metrics: {name}", nameof(name));
        var test = TestExecutionContext.CurrentContext?.CurrentTest;
        if (test is null) return;
        var sample = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["value"] = value,
            ["kind"] = kind,
            ["unit"] = unit,
            ["time"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ["labels"] = labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal),
        };
        test.Properties.Add(PropertyName, JsonSerializer.Serialize(sample));
    }
}
