using NodeMonitor.Core.Storage;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Central;

/// <summary>What one sync did.</summary>
/// <param name="Error">Why it stopped early (the rest waits for the next sync), or null.</param>
public sealed record SyncOutcome(int Objects, int Runs, long Bytes, string? Error);

/// <summary>
/// Copies the summaries of the runs not yet in Swift into objects of at most <see cref="MaxRunsPerObject"/> runs each,
/// oldest first. Every stored run is synced, failing ones too (a summary line with <c>"passed": false</c>): a failure
/// within its retries, or one that did not change, has no failure bundle, and the central history should have no gaps.
/// The runs of an object are marked synced, in one transaction, only after the store accepted it. If marking fails
/// (or the answer to a successful PUT is lost), the next sync builds the same batch again and, as long as no run was
/// stored meanwhile, replaces the object under the same name; otherwise the new object repeats those runs, so a reader
/// of the objects de-duplicates by <c>runId</c>. Nothing is ever lost by a failed attempt.
/// </summary>
/// <param name="node">The syncing node: the first segment of every object name.</param>
/// <param name="callDeadline">Longest wait for one upload.</param>
public sealed class PassedResultsSync(string node, SyncLedger ledger, IPassedResultsStore store, TimeSpan callDeadline,
    TimeProvider? clock = null)
{
    /// <summary>One object per 10,000 runs (about 7 days of one-minute runs; 440 KiB of gzip for 10 plugins of 100 tests,
    /// measured by build/bench/sync-size.sh), so a long backlog becomes several uploads that each fit in a call deadline.</summary>
    public const int DefaultMaxRunsPerObject = 10_000;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public int MaxRunsPerObject { get; init; } = DefaultMaxRunsPerObject;

    /// <summary>The objects a sync by <paramref name="node"/> would upload now; uploads and marks nothing (<c>--dry-run</c>).</summary>
    public static IEnumerable<PassedResultsObject> Preview(string node, SyncLedger ledger, int maxRunsPerObject = DefaultMaxRunsPerObject)
    {
        for (var batch = ledger.NextBatch(maxRunsPerObject); batch is not null; batch = ledger.NextBatch(maxRunsPerObject, batch))
            yield return PassedResultsObject.Build(node, batch.Runs);
    }

    /// <summary>Uploads every unsynced run, one object at a time, until none is left, an upload fails or the budget ends.
    /// A failure is recorded in the sync state and returned, never thrown.</summary>
    /// <param name="uploaded">Called after each object is stored and its runs marked (progress).</param>
    /// <exception cref="StoreException">The local store could not be read or updated.</exception>
    public async Task<SyncOutcome> SyncAsync(DateTime budgetEndUtc, Action<PassedResultsObject>? uploaded, CancellationToken ct)
    {
        int objects = 0, runs = 0;
        long bytes = 0;
        // Continue after the batch just marked, so a run that could not be marked is never uploaded twice in one sync.
        for (var batch = ledger.NextBatch(MaxRunsPerObject); batch is not null; batch = ledger.NextBatch(MaxRunsPerObject, batch))
        {
            var resultsObject = PassedResultsObject.Build(node, batch.Runs);
            try
            {
                await store.PutAsync(resultsObject, Deadline(budgetEndUtc), ct);
            }
            catch (CentralDeliveryException e)
            {
                ledger.RecordError(e.Message, _clock.GetUtcNow());
                return new SyncOutcome(objects, runs, bytes, e.Message);
            }
            ledger.MarkSynced(batch, resultsObject.Name, resultsObject.Content.Length, _clock.GetUtcNow());
            objects++;
            runs += resultsObject.Runs;
            bytes += resultsObject.Content.Length;
            uploaded?.Invoke(resultsObject);
        }
        return new SyncOutcome(objects, runs, bytes, null);
    }

    private DateTime Deadline(DateTime budgetEndUtc)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        if (now >= budgetEndUtc) throw new CentralDeliveryException("the reporting budget is spent; the remaining runs wait for the next sync");
        var call = now + callDeadline;
        return call < budgetEndUtc ? call : budgetEndUtc;
    }
}
