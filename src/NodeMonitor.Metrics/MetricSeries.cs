using NodeMonitor.Core.Results;

namespace NodeMonitor.Metrics;

/// <summary>One stored series: a name and a set of labels, with its latest value.</summary>
public sealed record MetricSeries(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    MetricKind Kind,
    string? Unit,
    DateTimeOffset LastTime,
    double LastValue)
{
    /// <summary>Labels as Prometheus writes them, e.g. <c>{plugin="disk"}</c>; empty when there are none.</summary>
    public string LabelText => MetricLabels.Format(Labels);
}

/// <summary>One point of a chart: a raw sample (min = avg = max) or a rollup bucket.</summary>
public sealed record MetricPoint(DateTimeOffset Time, double Min, double Avg, double Max);

/// <summary>The points of one series over a window, at the resolution the store chose for it.</summary>
/// <param name="Resolution">Zero for raw samples, else the rollup bucket width.</param>
public sealed record SeriesPoints(MetricSeries Series, TimeSpan Resolution, IReadOnlyList<MetricPoint> Points);
