using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Etcd;

namespace NodeMonitor.Central;

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
        return await EtcdConnection.CallAsync($"heartbeat {key}", async () =>
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
        }, ct);
    }
}
