namespace NodeMonitor.Core.Reporting.Central;

/// <summary>When a heartbeat is due. A node that runs every minute with a 10-minute interval writes on one run in ten;
/// the lease lasts three intervals, so two missed heartbeats are tolerated before the key disappears.</summary>
public static class HeartbeatSchedule
{
    public const int LeaseIntervals = 3;

    public static bool IsOff(TimeSpan interval) => interval <= TimeSpan.Zero;

    public static TimeSpan LeaseTtl(TimeSpan interval) => interval * LeaseIntervals;

    /// <summary>Due when never written, when the interval has passed since the last successful write, or when that write
    /// is stamped in the future (the clock was stepped back since: waiting for it would stop heartbeats). A failed attempt
    /// does not count as written, so the next run tries again.</summary>
    public static bool IsDue(HeartbeatStatus? status, TimeSpan interval, DateTimeOffset now) =>
        !IsOff(interval) && (status?.WrittenAt is not { } written || ClockSchedule.HasPassed(written, interval, now));
}
