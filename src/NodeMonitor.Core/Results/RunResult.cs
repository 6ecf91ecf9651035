namespace NodeMonitor.Core.Results;

/// <summary>One run of <c>nodemonitor run</c> (or of a desk test run) over the selected plugins.</summary>
public sealed record RunResult(
    string RunId,
    string Node,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    IReadOnlyList<PluginResult> Plugins)
{
    public TimeSpan Duration => EndTime - StartTime;

    public OutcomeCounts Counts => Plugins.Aggregate(OutcomeCounts.Zero, (acc, p) => acc + p.Counts);

    /// <summary>A run passes when no test failed and no plugin errored.</summary>
    public bool Passed => Plugins.All(p => p.Succeeded);

    /// <summary>A sortable, unique run id: UTC time to the millisecond plus a short random suffix.</summary>
    public static string NewRunId(DateTimeOffset at) =>
        $"{at.UtcDateTime:yyyyMMdd'T'HHmmss'.'fff'Z'}-{Random.Shared.Next(0x10000):x4}";
}
