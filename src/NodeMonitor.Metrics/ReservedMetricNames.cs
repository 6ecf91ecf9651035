namespace NodeMonitor.Metrics;

/// <summary>
/// Names only NodeMonitor itself may record: every name it emits starts with <see cref="Prefix"/> (the run metrics of
/// <see cref="RunMetrics"/>, and <c>nodemonitor_test_status</c> and <c>nodemonitor_last_run_timestamp_seconds</c> that
/// /metrics adds). A plugin sample with such a name would fake a check state or a run verdict, or give /metrics a
/// second TYPE line for one name, so plugin samples named so are dropped.
/// </summary>
public static class ReservedMetricNames
{
    public const string Prefix = "nodemonitor_";

    /// <summary>True for a name a plugin may not use; compared ignoring case so a look-alike cannot pass either.</summary>
    public static bool IsReserved(string name) => name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);
}
