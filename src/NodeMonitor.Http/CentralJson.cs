using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Http;

/// <summary>The <c>central</c> part of <c>/api/v1/status</c>: delivery of failure reports, the failure bundle's link,
/// heartbeat and sync, as <c>nodemonitor status --format json</c> shows them. Null when the node never reported.</summary>
internal static class CentralJson
{
    public static object? Of(CentralStatus status, DateTimeOffset now) => status.IsEmpty ? null : new
    {
        delivery = new
        {
            state = status.DeliveryState,
            pending = status.Delivery.Pending,
            pendingSince = status.Delivery.PendingSince,
            deliveredAt = status.Delivery.DeliveredAt,
            lastAttemptAt = status.Delivery.LastAttemptAt,
            lastError = status.Delivery.LastError,
            failing = status.FailingCentrally,
        },
        failureBundle = status.FailureBundle is not { } b ? null : new
        {
            runId = b.RunId,
            url = b.UrlAt(now),
            objectUrl = b.Link.ObjectUrl,
            tempUrl = b.Link.TempUrl,
            tempUrlExpiresAt = b.Link.TempUrlExpiresAt,
        },
        heartbeat = status.Heartbeat,
        sync = status.Sync,
        unsyncedRuns = status.UnsyncedRuns,
    };
}
