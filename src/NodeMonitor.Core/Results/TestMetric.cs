namespace NodeMonitor.Core.Results;

/// <summary>
/// One numeric sample a test recorded: <c>Metric.Gauge</c>/<c>Metric.Counter</c> in a plugin (NodeMonitor.Checks), or
/// one value of a Nagios command's perfdata. Read once, where the test's NUnit properties are read
/// (<see cref="TestMetricJson"/>); the metric store adds the labels <c>plugin</c> and <c>test</c>.
/// </summary>
/// <param name="Name">As recorded; whether it is a valid Prometheus name is the metric store's check.</param>
/// <param name="Value">For a <see cref="MetricKind.Counter"/>, the increase, unless <paramref name="ValueIsTotal"/>.</param>
/// <param name="Labels">The labels the author gave (not yet plugin and test).</param>
/// <param name="Time">When it was recorded; null when the plugin did not say (the test's end is used).</param>
/// <param name="ValueIsTotal">For a counter: the value is already the running total (a Nagios perfdata counter).</param>
public sealed record TestMetric(
    string Name,
    double Value,
    MetricKind Kind,
    string? Unit,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset? Time,
    bool ValueIsTotal = false);
