namespace NodeMonitor.Core.Results;

/// <summary>How a sample's value is read, as in Prometheus.</summary>
public enum MetricKind
{
    /// <summary>The value is the measurement itself (free disk, temperature, a duration).</summary>
    Gauge,
    /// <summary>The value is an increase; the store adds it to the series' running total, which never goes down.</summary>
    Counter,
}
