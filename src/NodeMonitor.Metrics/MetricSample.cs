using NodeMonitor.Core.Results;

namespace NodeMonitor.Metrics;

/// <summary>One numeric sample to store.</summary>
/// <param name="Name">Prometheus-style name: letters, digits, underscores and colons, not starting with a digit.</param>
/// <param name="Value">For a <see cref="MetricKind.Counter"/>, the increase since the last sample.</param>
/// <param name="Unit">Free text shown beside charts (e.g. "seconds", "bytes"); null when unitless.</param>
/// <param name="ValueIsTotal">For a <see cref="MetricKind.Counter"/>: <paramref name="Value"/> is already the running
/// total (a Nagios perfdata counter, bytes sent since boot), stored as it is instead of added to the last total.</param>
public sealed record MetricSample(
    string Name,
    double Value,
    DateTimeOffset Time,
    MetricKind Kind = MetricKind.Gauge,
    string? Unit = null,
    IReadOnlyDictionary<string, string>? Labels = null,
    bool ValueIsTotal = false);
