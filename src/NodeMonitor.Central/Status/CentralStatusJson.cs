using NodeMonitor.Core.Reporting.Central;
namespace NodeMonitor.Central;

/// <summary>The JSON shape of the delivery state and the failure bundle's link, shared by
/// <c>nodemonitor status --format json</c> and the web view's <c>/api/v1/status</c> so the two never differ.</summary>
public static class CentralStatusJson
{
    public static DeliveryDocument Delivery(CentralStatus status) => new(status.DeliveryState, status.Delivery.Pending,
        status.Delivery.PendingSince, status.Delivery.DeliveredAt, status.Delivery.LastAttemptAt, status.Delivery.LastError,
        status.FailingCentrally);

    /// <summary>Null when the node is healthy or its bundle was not uploaded.</summary>
    public static FailureBundleDocument? FailureBundle(CentralStatus status, DateTimeOffset now) => status.FailureBundle is not { } b ? null
        : new(b.RunId, b.UrlAt(now), b.Link.ObjectUrl, b.Link.TempUrl, b.Link.TempUrlExpiresAt);
}

/// <summary>Whether the node's failure reports reached the centre, as printed.</summary>
public sealed record DeliveryDocument(CentralDeliveryState State, int Pending, DateTimeOffset? PendingSince, DateTimeOffset? DeliveredAt,
    DateTimeOffset? LastAttemptAt, string? LastError, bool Failing);

/// <summary>Where the current failure's bundle can be read, as printed: <see cref="Url"/> is the TempURL while it is valid,
/// else the object URL.</summary>
public sealed record FailureBundleDocument(string RunId, string Url, string ObjectUrl, string? TempUrl, DateTimeOffset? TempUrlExpiresAt);
