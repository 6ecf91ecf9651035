using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Http;

/// <summary>The <c>central</c> part of <c>/api/v1/status</c>: delivery of failure reports, the failure bundle's link,
/// heartbeat and sync; delivery and bundle are the records <c>nodemonitor status --format json</c> prints
/// (<see cref="CentralStatusJson"/>; a test holds the two equal). Null when the node never reported.</summary>
internal sealed record CentralJson(DeliveryDocument Delivery, FailureBundleDocument? FailureBundle, HeartbeatStatus? Heartbeat, SyncStatus? Sync,
    long UnsyncedRuns)
{
    public static CentralJson? Of(CentralStatus status, DateTimeOffset now) => status.IsEmpty ? null : new(
        CentralStatusJson.Delivery(status), CentralStatusJson.FailureBundle(status, now), status.Heartbeat, status.Sync, status.UnsyncedRuns);
}
