using NodeMonitor.Core.Reporting.Central;
namespace NodeMonitor.Central;

/// <summary>What this node last did about its heartbeat (table <c>central_heartbeat</c>).</summary>
/// <param name="LeaseId">The etcd lease the key is bound to now, as far as this node knows.</param>
/// <param name="WrittenAt">When the heartbeat was last written successfully; null when never.</param>
/// <param name="ExpiresAt">When the heartbeat stops counting unless the node writes again (written + three intervals):
/// readers treat it as absent from then on, and etcd deletes the key when its lease runs out.</param>
/// <param name="LastError">Why the last attempt failed; null after a success.</param>
public sealed record HeartbeatStatus(
    long? LeaseId,
    DateTimeOffset? WrittenAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastAttemptAt,
    string? LastError)
{
    /// <summary><see cref="NodePublication.Fingerprint"/> of the labels and facts the last written heartbeat carried.</summary>
    public string? Published { get; init; }

    /// <summary>When the lease <see cref="LeaseId"/> runs out (granted + <see cref="HeartbeatSchedule.SharedLeaseTtl"/>);
    /// null when not recorded (a ledger from before leases were kept across runs).</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }
}
