using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Http;

/// <summary>The <c>central</c> part of <c>/api/v1/status</c>: delivery of failure reports, the failure bundle's link,
/// heartbeat and sync, as <c>nodemonitor status --format json</c> shows them. Null when the node never reported.</summary>
internal static class CentralJson
{
    public static object? Of(CentralStatus status, DateTimeOffset now) => status.IsEmpty ? null : new
    {
        delivery = CentralStatusJson.Delivery(status),
        failureBundle = CentralStatusJson.FailureBundle(status, now),
        heartbeat = status.Heartbeat,
        sync = status.Sync,
        unsyncedRuns = status.UnsyncedRuns,
    };
}
