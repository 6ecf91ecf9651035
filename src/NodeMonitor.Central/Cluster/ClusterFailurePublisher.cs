using Etcdserverpb;
using Google.Protobuf;
using NodeMonitor.Central.Election;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Central.Cluster;

public enum ClusterReportOutcome
{
    /// <summary>etcd already says what the run found (same failing set, refreshed recently, or healthy and no record).</summary>
    Unchanged,
    Written,
    Deleted,

    /// <summary>The write was refused: this node no longer holds the term it evaluated under.</summary>
    Fenced,
}

/// <summary>
/// Reports the cluster plugins' verdict like a node's, under the reserved name <see cref="NodeName.Cluster"/>: the
/// bundle to Swift, then <c>&lt;prefix&gt;failures/@cluster</c> with its link, only when the failing set changed (or the
/// record is older than the refresh interval), deleted on recovery. What etcd holds is known from the run's own
/// snapshot, so a new leader continues where the last one stopped and needs no spool: a write that fails is simply
/// made again by the next run. Every write is fenced by the leader's term, so a former leader's verdict never lands.
/// </summary>
public sealed class ClusterFailurePublisher(EtcdElection election, EtcdSettings etcd, IFailureBundleStore? bundles, ReportSettings report,
    TimeSpan callDeadline, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <param name="term">The term the cluster plugins were evaluated under.</param>
    /// <param name="current">The cluster's failure record in the snapshot the plugins saw; null when there was none.</param>
    /// <param name="state">The cluster plugins' hard failures; null when they pass.</param>
    /// <param name="bundle">The failure bundle, built only when it is uploaded.</param>
    /// <exception cref="CentralDeliveryException">A call failed, or the budget was spent.</exception>
    public async Task<ClusterReportOutcome> PublishAsync(ElectionLeader term, ClusterFailure? current, FailureState? state,
        Func<FailureBundle> bundle, CancellationToken ct)
    {
        var budget = new ReportBudget(_clock, report.Budget, callDeadline);
        var key = ByteString.CopyFromUtf8(etcd.FailureKey(NodeName.Cluster));
        if (state is null)
        {
            if (current is null) return ClusterReportOutcome.Unchanged;
            var delete = new RequestOp { RequestDeleteRange = new DeleteRangeRequest { Key = key } };
            return await election.FencedAsync(term, [delete], budget.NextDeadline(), ct) ? ClusterReportOutcome.Deleted : ClusterReportOutcome.Fenced;
        }
        if (current is not null && current.Signature == state.Signature && _clock.GetUtcNow() - current.LastRunAt < report.Refresh)
            return ClusterReportOutcome.Unchanged;
        var link = bundles is null ? null : await bundles.UploadAsync(bundle(), budget.NextDeadline(), ct);
        var put = new RequestOp { RequestPut = new PutRequest { Key = key, Value = ByteString.CopyFromUtf8(FailureRecord.From(state, link).ToJson()) } };
        return await election.FencedAsync(term, [put], budget.NextDeadline(), ct) ? ClusterReportOutcome.Written : ClusterReportOutcome.Fenced;
    }
}
