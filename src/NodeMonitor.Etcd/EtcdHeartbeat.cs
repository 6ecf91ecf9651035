using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Etcd;

/// <summary>
/// <c>&lt;prefix&gt;nodes/&lt;node&gt;</c> in etcd, bound to a lease. Each heartbeat grants a fresh lease and puts the value
/// on it: two unary calls, whatever became of the previous lease (expired, or lost with a wiped etcd), so there is no
/// keepalive stream to supervise (dotnet-etcd's keepalive task dies silently). The previous lease is left to expire:
/// the put moved the key off it, so its expiry deletes nothing, and revoking it would cost a third call.
/// Every call carries the caller's explicit UTC deadline.
/// </summary>
public sealed class EtcdHeartbeat(EtcdClient client, EtcdSettings settings) : IHeartbeatStore
{
    public async Task<long> WriteAsync(string node, string json, TimeSpan leaseTtl, DateTime deadlineUtc, CancellationToken ct)
    {
        string key = settings.NodeKey(node);
        try
        {
            long ttlSeconds = Math.Max(1, (long)Math.Ceiling(leaseTtl.TotalSeconds));
            var lease = await client.LeaseGrantAsync(new LeaseGrantRequest { TTL = ttlSeconds }, deadline: deadlineUtc,
                cancellationToken: ct);
            if (!string.IsNullOrEmpty(lease.Error)) throw new CentralDeliveryException($"etcd lease for {key}: {lease.Error}");
            await client.PutAsync(new PutRequest
            {
                Key = ByteString.CopyFromUtf8(key),
                Value = ByteString.CopyFromUtf8(json),
                Lease = lease.ID,
            }, deadline: deadlineUtc, cancellationToken: ct);
            return lease.ID;
        }
        catch (Exception e) when (e is not CentralDeliveryException && (e is not OperationCanceledException || !ct.IsCancellationRequested))
        {
            throw EtcdConnection.Failure($"heartbeat {key}", e);
        }
    }

    /// <summary>Every node's heartbeat that has not expired (for a cluster view).</summary>
    public async Task<IReadOnlyList<HeartbeatValue>> ListAsync(DateTime deadlineUtc, CancellationToken ct)
    {
        try
        {
            var values = await client.GetRangeValAsync(settings.NodesPrefix, deadline: deadlineUtc, cancellationToken: ct);
            return values.Values.Select(HeartbeatValue.FromJson).OfType<HeartbeatValue>().OrderBy(v => v.Node, StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw EtcdConnection.Failure($"read {settings.NodesPrefix}", e);
        }
    }
}
