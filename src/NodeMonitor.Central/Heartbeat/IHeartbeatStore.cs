using NodeMonitor.Core.Reporting.Central;
namespace NodeMonitor.Central;

/// <summary>Where a node's heartbeat lives centrally (etcd's <c>&lt;prefix&gt;nodes/&lt;node&gt;</c>). One attempt per call
/// within the deadline; never retries later or sleeps: <see cref="HeartbeatSender"/> decides when to call.</summary>
public interface IHeartbeatStore
{
    /// <summary>Writes <paramref name="json"/> as the node's heartbeat, its key bound to <paramref name="lease"/>'s
    /// reusable lease when etcd still knows it, else to a lease granted now for <see cref="HeartbeatLease.GrantTtl"/>.</summary>
    /// <exception cref="CentralDeliveryException">A call failed or did not finish by <paramref name="deadlineUtc"/>.</exception>
    Task<HeartbeatWrite> WriteAsync(string node, string json, HeartbeatLease lease, DateTime deadlineUtc, CancellationToken ct);
}

/// <param name="ReuseId">The lease to put the key on; null to grant one.</param>
/// <param name="GrantTtl">The TTL of a lease granted by this write.</param>
public sealed record HeartbeatLease(long? ReuseId, TimeSpan GrantTtl);

/// <param name="LeaseId">The lease the key is bound to now.</param>
/// <param name="Granted">True when <paramref name="LeaseId"/> was granted by this write.</param>
/// <param name="WriteCalls">Write RPCs it took: 1 (put on the kept lease), 2 (grant + put), 3 (the kept lease was gone).</param>
public sealed record HeartbeatWrite(long LeaseId, bool Granted, int WriteCalls);
