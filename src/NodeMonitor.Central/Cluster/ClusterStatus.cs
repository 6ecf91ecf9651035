using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using NodeMonitor.Central.Election;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Etcd;

namespace NodeMonitor.Central.Cluster;

/// <summary>What <c>nodemonitor cluster status</c> shows: who holds the aggregator election and for how much longer, how
/// many nodes are live and how many failure records exist, and whether the cluster itself is failing. <c>LiveNodes</c>
/// counts heartbeat keys: a silent node's key stays until its lease runs out, after the snapshot has left it out.</summary>
public sealed record ClusterStatus(ElectionLeader? Leader, TimeSpan? LeaseRemaining, TimeSpan LeaseTtl, long LiveNodes, long FailureRecords,
    bool ClusterFailing, long Revision)
{
    /// <summary>Four small reads (leader, its lease, two counts); never the values of the fleet.</summary>
    /// <exception cref="CentralDeliveryException">A call failed or did not finish in time.</exception>
    public static async Task<ClusterStatus> ReadAsync(EtcdClient client, EtcdSettings etcd, ReportSettings report, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + etcd.Deadline;
        // The candidate name only matters to a campaign; reading needs none of its own.
        var election = new EtcdElection(client, EtcdElection.KeyOf(etcd, ClusterAggregator.ElectionName), "reader", report.AggregatorLease);
        var leader = await election.LeaderAsync(deadline, ct);
        var remaining = leader is null ? null : await election.LeaseRemainingAsync(leader, deadline, ct);
        var nodes = await CountAsync(client, etcd.NodesPrefix, deadline, ct);
        var failures = await CountAsync(client, etcd.FailuresPrefix, deadline, ct);
        var clusterRecord = await EtcdConnection.CallAsync($"read {etcd.FailureKey(NodeName.Cluster)}", () =>
            client.GetAsync(etcd.FailureKey(NodeName.Cluster), deadline: deadline, cancellationToken: ct), ct);
        return new ClusterStatus(leader, remaining, report.AggregatorLease, nodes.Count, failures.Count, clusterRecord.Count > 0, nodes.Header.Revision);
    }

    private static Task<RangeResponse> CountAsync(EtcdClient client, string prefix, DateTime deadline, CancellationToken ct) =>
        EtcdConnection.CallAsync($"count {prefix}", () => client.GetAsync(new RangeRequest
        {
            Key = ByteString.CopyFromUtf8(prefix), RangeEnd = ByteString.CopyFromUtf8(EtcdClient.GetRangeEnd(prefix)), CountOnly = true,
        }, deadline: deadline, cancellationToken: ct), ct);
}
