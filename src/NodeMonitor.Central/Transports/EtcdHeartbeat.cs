using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using Grpc.Core;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Etcd;

namespace NodeMonitor.Central;

/// <summary>
/// <c>&lt;prefix&gt;nodes/&lt;node&gt;</c> in etcd, bound to a lease the node keeps across runs: a heartbeat is one put on
/// that lease, and grants a new lease (one more unary call) only when the node has none that outlives the heartbeat, or
/// when etcd no longer knows it (a wiped or restored etcd). Unary calls only, so there is no keepalive stream to
/// supervise (dotnet-etcd's keepalive task dies silently). A replaced lease is left to expire: the put moved the key off
/// it, so its expiry deletes nothing, and revoking it would cost another call. Every call carries the caller's explicit
/// UTC deadline.
/// </summary>
public sealed class EtcdHeartbeat(EtcdClient client, EtcdSettings settings) : IHeartbeatStore
{
    public async Task<HeartbeatWrite> WriteAsync(string node, string json, HeartbeatLease lease, DateTime deadlineUtc, CancellationToken ct)
    {
        string key = settings.NodeKey(node);
        return await EtcdConnection.CallAsync($"heartbeat {key}", async () =>
        {
            if (lease.ReuseId is { } kept)
            {
                try
                {
                    await PutAsync(key, json, kept, deadlineUtc, ct);
                    return new HeartbeatWrite(kept, Granted: false, WriteCalls: 1);
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
                {
                    // etcdserver: requested lease not found. Nothing was written; grant a new one below.
                }
            }
            long ttlSeconds = Math.Max(1, (long)Math.Ceiling(lease.GrantTtl.TotalSeconds));
            var granted = await client.LeaseGrantAsync(new LeaseGrantRequest { TTL = ttlSeconds }, deadline: deadlineUtc,
                cancellationToken: ct);
            if (!string.IsNullOrEmpty(granted.Error)) throw new CentralDeliveryException($"etcd lease for {key}: {granted.Error}");
            await PutAsync(key, json, granted.ID, deadlineUtc, ct);
            return new HeartbeatWrite(granted.ID, Granted: true, WriteCalls: lease.ReuseId is null ? 2 : 3);
        }, ct);
    }

    private Task<PutResponse> PutAsync(string key, string json, long lease, DateTime deadlineUtc, CancellationToken ct) =>
        client.PutAsync(new PutRequest
        {
            Key = ByteString.CopyFromUtf8(key),
            Value = ByteString.CopyFromUtf8(json),
            Lease = lease,
        }, deadline: deadlineUtc, cancellationToken: ct);
}
