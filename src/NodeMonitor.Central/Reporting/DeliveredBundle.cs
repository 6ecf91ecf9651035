using NodeMonitor.Core.Reporting.Central;
namespace NodeMonitor.Central;

/// <summary>The failure bundle last uploaded for this node's current failure (central_delivery.bundle_*), kept while the
/// node fails and cleared when its recovery is delivered.</summary>
public sealed record DeliveredBundle(string RunId, BundleLink Link)
{
    /// <summary>What to hand a person: the TempURL while it is valid (opens without a token), else the object URL.</summary>
    public string UrlAt(DateTimeOffset now) => TempUrlValidAt(now) ? Link.TempUrl! : Link.ObjectUrl;

    public bool TempUrlValidAt(DateTimeOffset now) => Link.TempUrl is not null && Link.TempUrlExpiresAt is { } expires && expires > now;
}
