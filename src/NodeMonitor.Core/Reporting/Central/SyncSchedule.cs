using NodeMonitor.Core.Storage;

namespace NodeMonitor.Core.Reporting.Central;

/// <summary>When <c>nodemonitor run</c> syncs on its own: <see cref="ReportSettings.SyncInterval"/> after the last
/// successful sync, or, on a node that never synced, after the oldest unsynced run started. A failed attempt does not
/// move the clock, so the next run tries again (within its reporting budget). A stamp in the future makes it due.</summary>
public static class SyncSchedule
{
    public static bool IsDue(SyncStatus status, TimeSpan interval, DateTimeOffset now)
    {
        if (status.Unsynced == 0) return false;
        var since = status.LastSyncAt ?? status.OldestUnsyncedStart;
        return since is null || ClockSchedule.HasPassed(since.Value, interval, now);
    }
}
