using NodeMonitor.Core.Reporting.Central;
namespace NodeMonitor.Central;

/// <summary>When a heartbeat is due, how long it counts, and which lease its key is bound to. A node that runs every
/// minute with a 10-minute interval writes on one run in ten. A heartbeat counts for three intervals (its value says until
/// when), so two missed heartbeats are tolerated before readers treat the node as gone. The key is bound to a lease the
/// node keeps across runs for twelve intervals, so most heartbeats are one put; etcd deletes the key of a node that
/// stopped when that lease runs out.</summary>
public static class HeartbeatSchedule
{
    public const int LeaseIntervals = 3;

    /// <summary>How many intervals a lease granted for the heartbeat's key lasts.</summary>
    public const int SharedLeaseIntervals = 12;

    public static bool IsOff(TimeSpan interval) => interval <= TimeSpan.Zero;

    /// <summary>How long a heartbeat counts after it was written.</summary>
    public static TimeSpan LeaseTtl(TimeSpan interval) => interval * LeaseIntervals;

    /// <summary>The TTL of a newly granted lease for the heartbeat's key.</summary>
    public static TimeSpan SharedLeaseTtl(TimeSpan interval) => interval * SharedLeaseIntervals;

    /// <summary>Due when never written, when the interval has passed since the last successful write, or when that write
    /// is stamped in the future (the clock was stepped back since: waiting for it would stop heartbeats). A failed attempt
    /// does not count as written, so the next run tries again.</summary>
    public static bool IsDue(HeartbeatStatus? status, TimeSpan interval, DateTimeOffset now) =>
        !IsOff(interval) && (status?.WrittenAt is not { } written || ClockSchedule.HasPassed(written, interval, now));

    /// <summary>The recorded lease when the key may stay on it: it outlives this heartbeat's <see cref="LeaseTtl"/> by
    /// half an interval more, and it was not granted in this clock's future (a clock stepped back since proves nothing about
    /// how long the lease has left). Null when a new lease is to be granted. A lease etcd no longer knows (a wiped or
    /// restored etcd) is replaced by the store.</summary>
    public static long? ReusableLease(HeartbeatStatus? status, TimeSpan interval, DateTimeOffset now)
    {
        if (status?.LeaseId is not { } lease || status.LeaseExpiresAt is not { } until) return null;
        bool grantedInThePast = until - SharedLeaseTtl(interval) <= now;
        bool outlivesThisHeartbeat = until - now >= LeaseTtl(interval) + interval / 2;
        return grantedInThePast && outlivesThisHeartbeat ? lease : null;
    }
}
