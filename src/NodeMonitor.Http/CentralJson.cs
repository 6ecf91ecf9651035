using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Http;

/// <summary>The <c>central</c> part of <c>/api/v1/status</c>: delivery of failure reports, the failure bundle's link,
/// heartbeat and sync, in the shape <c>nodemonitor status --format json</c> prints (<see cref="CentralStatusJson"/>; a
/// test holds the two equal). Null when the node never reported.</summary>
internal sealed record CentralJson(CentralDeliveryJson Delivery, FailureBundleJson? FailureBundle, HeartbeatStatus? Heartbeat, SyncStatus? Sync,
    long UnsyncedRuns)
{
    public static CentralJson? Of(CentralStatus status, DateTimeOffset now) => status.IsEmpty ? null : new(
        CentralDeliveryJson.Of(status), FailureBundleJson.Of(status, now), status.Heartbeat, status.Sync, status.UnsyncedRuns);
}

/// <summary>The delivery of failure reports to the centre.</summary>
internal sealed record CentralDeliveryJson(CentralDeliveryState State, int Pending, DateTimeOffset? PendingSince, DateTimeOffset? DeliveredAt,
    DateTimeOffset? LastAttemptAt, string? LastError, bool Failing)
{
    public static CentralDeliveryJson Of(CentralStatus s) => new(s.DeliveryState, s.Delivery.Pending, s.Delivery.PendingSince,
        s.Delivery.DeliveredAt, s.Delivery.LastAttemptAt, s.Delivery.LastError, s.FailingCentrally);
}

/// <summary>The link to the failure bundle; null when the node is healthy or its bundle was not uploaded.</summary>
internal sealed record FailureBundleJson(string RunId, string Url, string ObjectUrl, string? TempUrl, DateTimeOffset? TempUrlExpiresAt)
{
    public static FailureBundleJson? Of(CentralStatus status, DateTimeOffset now) => status.FailureBundle is not { } b ? null
        : new(b.RunId, b.UrlAt(now), b.Link.ObjectUrl, b.Link.TempUrl, b.Link.TempUrlExpiresAt);
}
