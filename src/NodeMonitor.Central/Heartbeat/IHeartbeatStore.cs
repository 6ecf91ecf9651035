using NodeMonitor.Core.Reporting.Central;
namespace NodeMonitor.Central;

/// <summary>Where a node's heartbeat lives centrally (etcd's <c>&lt;prefix&gt;nodes/&lt;node&gt;</c>). One attempt per call
/// within the deadline; never retries or sleeps: <see cref="HeartbeatSender"/> decides when to call.</summary>
public interface IHeartbeatStore
{
    /// <summary>Writes <paramref name="json"/> as the node's heartbeat, bound to a lease that expires after
    /// <paramref name="leaseTtl"/> unless the next heartbeat replaces it; returns that lease's id.</summary>
    /// <exception cref="CentralDeliveryException">A call failed or did not finish by <paramref name="deadlineUtc"/>.</exception>
    Task<long> WriteAsync(string node, string json, TimeSpan leaseTtl, DateTime deadlineUtc, CancellationToken ct);
}
