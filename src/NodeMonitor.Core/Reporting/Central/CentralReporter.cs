using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Core.Reporting.Central;

/// <summary>What one run's reporting did.</summary>
/// <param name="Enqueued">The report this run added, or null when nothing changed.</param>
/// <param name="Delivered">Reports delivered (or superseded) now.</param>
/// <param name="Pending">Reports still waiting.</param>
/// <param name="Error">Why delivery stopped, or null.</param>
public sealed record CentralReportOutcome(ReportKind? Enqueued, int Delivered, int Pending, string? Error);

/// <summary>
/// Decides after each run whether the centre must hear about it, spools the report, and delivers the spool in order
/// within a time budget. The only place with retry: the stores make one attempt per call. A healthy run that changes
/// nothing sends no request at all (nothing is enqueued and the spool is empty).
/// </summary>
/// <param name="node">The node whose record a recovery deletes.</param>
public sealed class CentralReporter(
    string node,
    CentralOutbox outbox,
    IFailureBundleStore? bundles,
    IFailureRecordStore? records,
    ReportSettings settings,
    TimeSpan callDeadline,
    TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Decides and spools (after the run is in the local store), then delivers what waits.</summary>
    public async Task<CentralReportOutcome> ReportAsync(RunResult run, IReadOnlyList<TestState> states, Func<string, int> retriesOf,
        CancellationToken ct)
    {
        var enqueued = Decide(run, FailureStateEvaluator.Evaluate(run, states, retriesOf));
        var (delivered, pending, error) = await DeliverAsync(ct);
        return new CentralReportOutcome(enqueued, delivered, pending, error);
    }

    /// <summary>Compares the node's failure state with the newest report made; spools a report when they differ
    /// (or an unchanged failure is older than the refresh interval).</summary>
    public ReportKind? Decide(RunResult run, FailureState? current)
    {
        var now = _clock.GetUtcNow();
        var status = outbox.Status();
        if (current is null)
        {
            if (status.IntendedSignature is null) return null;
            outbox.Enqueue(ReportKind.Recovery, run.RunId, null, null, now);
            return ReportKind.Recovery;
        }
        bool changed = current.Signature != status.IntendedSignature;
        bool stale = status.IntendedAt is { } at && ClockSchedule.HasPassed(at, settings.Refresh, now);
        if (!changed && !stale) return null;
        outbox.Enqueue(ReportKind.Failure, run.RunId, current, FailureBundle.From(run), now);
        return ReportKind.Failure;
    }

    /// <summary>Delivers spooled reports oldest first until the spool is empty, a call fails, or the budget is spent.
    /// Only the newest report's etcd step is sent: an older record would be overwritten at once. Every bundle is
    /// still uploaded, so no failure's evidence is lost.</summary>
    public async Task<(int Delivered, int Pending, string? Error)> DeliverAsync(CancellationToken ct)
    {
        var pending = outbox.Pending();
        if (pending.Count == 0) return (0, 0, null);
        var budget = new ReportBudget(_clock, settings.Budget, callDeadline);
        int delivered = 0;
        for (int i = 0; i < pending.Count; i++)
        {
            var entry = pending[i];
            bool newest = i == pending.Count - 1;
            try
            {
                bool changedCentralState = await DeliverOneAsync(entry, newest, budget, ct);
                outbox.MarkDelivered(entry.Id, entry.Signature, changedCentralState, _clock.GetUtcNow());
                delivered++;
            }
            catch (CentralDeliveryException e)
            {
                outbox.RecordError(e.Message, _clock.GetUtcNow());
                return (delivered, pending.Count - delivered, e.Message);
            }
        }
        return (delivered, 0, null);
    }

    private async Task<bool> DeliverOneAsync(OutboxEntry entry, bool newest, ReportBudget budget, CancellationToken ct)
    {
        if (entry.Kind == ReportKind.Failure)
        {
            BundleLink? link = null;
            if (bundles is not null && entry.Bundle is not null)
            {
                link = UploadedFor(entry.RunId) ?? await bundles.UploadAsync(entry.Bundle, budget.NextDeadline(), ct);
                outbox.RecordBundleLink(entry.RunId, link);
            }
            if (!newest || records is null || entry.State is null) return false;
            await records.PutIfDifferentAsync(entry.State.Node, FailureRecord.From(entry.State, link).ToJson(), budget.NextDeadline(), ct);
            return true;
        }
        // The bundle link goes with the failure it documents: a delivered (or superseded) recovery ends it.
        if (!newest || records is null)
        {
            outbox.ClearBundleLink();
            return false;
        }
        await records.DeleteAsync(node, budget.NextDeadline(), ct);
        outbox.ClearBundleLink();
        return true;
    }

    /// <summary>The link of the bundle already uploaded for this run (a report whose etcd step failed after its upload
    /// succeeded), while its TempURL is still valid: delivering it again reuses it instead of uploading again.</summary>
    private BundleLink? UploadedFor(string runId) =>
        outbox.BundleLink() is { } uploaded && uploaded.RunId == runId
        && (uploaded.Link.TempUrlExpiresAt is null || uploaded.TempUrlValidAt(_clock.GetUtcNow()))
            ? uploaded.Link
            : null;
}
