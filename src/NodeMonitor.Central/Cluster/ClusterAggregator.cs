using dotnet_etcd;
using NodeMonitor.Central.Election;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Central.Cluster;

/// <summary>
/// One node's part in evaluating cluster plugins, once per run. Before the run: campaign for the aggregator election
/// (<c>&lt;prefix&gt;election/aggregator</c>, a lease of <see cref="ReportSettings.AggregatorLease"/> renewed by each of the
/// leader's runs); the leader takes the snapshot (incrementally from the one it saved last time in the state directory)
/// and writes the view file its cluster plugins read. Of the last snapshot, only the nodes that changed are parsed
/// and serialized again; the others are copied as the file's bytes (<see cref="SnapshotNodes"/>). A last snapshot that
/// cannot be read means a full read, and the turn says so. A follower reads one key and writes nothing.
/// </summary>
public sealed class ClusterAggregator(EtcdClient client, EtcdSettings etcd, ReportSettings report, string node, string stateDirectory)
{
    public const string ElectionName = "aggregator";

    /// <summary>The leader's last snapshot, the base of its next incremental read.</summary>
    public const string SnapshotFile = "cluster-snapshot.json";

    public EtcdElection Election { get; } = new(client, EtcdElection.KeyOf(etcd, ElectionName), node, report.AggregatorLease);

    /// <summary>What the last snapshot read cost (for benchmarks); null before one.</summary>
    public ClusterReadCost? LastReadCost { get; private set; }

    /// <summary>Campaigns and, when leading, takes the snapshot and writes the view into <paramref name="viewDirectory"/>.
    /// Never throws for a central problem: the turn then says why the cluster plugins are skipped.</summary>
    public async Task<ClusterTurn> TakeTurnAsync(string viewDirectory, CancellationToken ct)
    {
        try
        {
            var standing = await Election.CampaignOnceAsync(node, DateTime.UtcNow + etcd.Deadline, ct);
            if (!standing.IsLeader) return ClusterTurn.Follow(standing.Leader?.Candidate);
            string cache = Path.Combine(stateDirectory, SnapshotFile);
            var reader = new ClusterSnapshotReader(client, etcd);
            var previous = ClusterSnapshot.Load(cache, out string? unusable);
            var snapshot = await reader.ReadAsync(previous, DateTime.UtcNow + report.Budget, ct);
            LastReadCost = reader.LastCost;
            snapshot.Save(cache);
            string view = Path.Combine(viewDirectory, "cluster-view.json");
            File.Copy(cache, view, overwrite: true);
            return new ClusterTurn(standing.Leader, node, snapshot, view, null)
            {
                Note = unusable is null ? null : $"read in full, the last snapshot could not be used: {unusable}",
            };
        }
        catch (CentralDeliveryException e)
        {
            return ClusterTurn.Skip(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ClusterTurn.Skip($"cannot write the cluster view: {e.Message}");
        }
    }
}
