namespace NodeMonitor.Core.Configuration;

/// <summary>How long metrics are kept: the <c>metrics</c> section of nodemonitor.json.</summary>
/// <param name="RawHours">Raw samples are kept this many hours (default 48).</param>
/// <param name="RollupDays">Rollups are kept this many days (default 30).</param>
public sealed record MetricsSettings(double RawHours, double RollupDays)
{
    public static readonly MetricsSettings Default = new(48, 30);
}
