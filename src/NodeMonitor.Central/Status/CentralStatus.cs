using NodeMonitor.Core.Storage;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Central;

public enum CentralDeliveryState
{
    /// <summary>Nothing was ever reported.</summary>
    Idle,

    /// <summary>Every report has reached the centre.</summary>
    Delivered,

    /// <summary>Reports wait in the local spool.</summary>
    Pending,
}

/// <summary>
/// What the centre (etcd, Swift) knows of this node, read from the local store alone: delivery of failure reports,
/// the current failure's bundle link, the heartbeat, and the sync of passing results. Shared by
/// <c>nodemonitor status</c> and the dashboard.
/// </summary>
/// <param name="FailureBundle">Link to the current failure's bundle; null when healthy or not uploaded.</param>
/// <param name="Heartbeat">Null when no heartbeat was ever attempted.</param>
/// <param name="Sync">Null when no sync was ever attempted.</param>
/// <param name="UnsyncedRuns">Stored runs not yet in an uploaded sync object.</param>
public sealed record CentralStatus(
    DeliveryStatus Delivery,
    DeliveredBundle? FailureBundle,
    HeartbeatStatus? Heartbeat,
    SyncStatus? Sync,
    long UnsyncedRuns)
{
    public CentralDeliveryState DeliveryState =>
        Delivery.Pending > 0 ? CentralDeliveryState.Pending
        : Delivery.LastAttemptAt is null && Delivery.DeliveredAt is null ? CentralDeliveryState.Idle
        : CentralDeliveryState.Delivered;

    /// <summary>True when the centre holds (or is about to hold) a failure record for this node.</summary>
    public bool FailingCentrally => Delivery.IntendedSignature is not null;

    /// <summary>Nothing central has ever happened on this node (e.g. etcd and Swift were never configured).</summary>
    public bool IsEmpty => DeliveryState == CentralDeliveryState.Idle && FailureBundle is null && Heartbeat is null && Sync is null;
}
