using NodeMonitor.Core.Reporting.Central;
namespace NodeMonitor.Central;

/// <summary>The JSON shape of the delivery state and the failure bundle's link, shared by
/// <c>nodemonitor status --format json</c> and the web view's <c>/api/v1/status</c> so the two never differ.</summary>
public static class CentralStatusJson
{
    public static object Delivery(CentralStatus status) => new
    {
        state = status.DeliveryState,
        pending = status.Delivery.Pending,
        pendingSince = status.Delivery.PendingSince,
        deliveredAt = status.Delivery.DeliveredAt,
        lastAttemptAt = status.Delivery.LastAttemptAt,
        lastError = status.Delivery.LastError,
        failing = status.FailingCentrally,
    };

    /// <summary>Null when the node is healthy or its bundle was not uploaded.</summary>
    public static object? FailureBundle(CentralStatus status, DateTimeOffset now) => status.FailureBundle is not { } b ? null : new
    {
        runId = b.RunId,
        url = b.UrlAt(now),
        objectUrl = b.Link.ObjectUrl,
        tempUrl = b.Link.TempUrl,
        tempUrlExpiresAt = b.Link.TempUrlExpiresAt,
    };
}
