namespace NodeMonitor.Metrics;

/// <summary>How long metrics are kept (config section <c>metrics</c>). Applied with every write.</summary>
/// <param name="RawAge">Raw samples are kept this long (default 48 hours).</param>
/// <param name="RollupAge">1-hour rollups, and series with no sample, are kept this long (default 30 days).
/// 5-minute rollups are kept for <see cref="FineRollupAge"/>.</param>
public sealed record MetricRetention(TimeSpan RawAge, TimeSpan RollupAge)
{
    public static readonly MetricRetention Default = new(TimeSpan.FromHours(48), TimeSpan.FromDays(30));

    /// <summary>5-minute rollups: 7 days, or less when the whole rollup age is shorter. Enough for a week's chart
    /// at 5-minute detail while the month is kept at 1-hour detail (a 5-minute month would be 12 times larger).</summary>
    public TimeSpan FineRollupAge => RollupAge < TimeSpan.FromDays(7) ? RollupAge : TimeSpan.FromDays(7);
}
