using NodeMonitor.Core.Pipeline;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;
using NodeMonitor.Swift;

namespace NodeMonitor.Central;

/// <summary>Uploads the summaries of runs not yet in Swift when <c>report.syncHours</c> has passed (see
/// <see cref="SyncSchedule"/>), within what is left of the run's reporting budget. Not while the centre has just failed
/// to answer, and not for a run the store could not keep. Fails (and so is counted) when a due sync did not finish; the
/// runs wait for the next one.</summary>
/// <param name="budgetEndUtc">The end of the run's reporting budget, shared with the central report.</param>
public sealed class PassedResultsSyncSink(CentralConnections connections, StoreDatabase database, DateTime budgetEndUtc) : IResultSink
{
    public string Name => "sync";

    public async Task WriteAsync(RunResult run, SinkContext context, CancellationToken ct)
    {
        if (connections.Swift is not { } swift || !context.Stored || context.Failed("central")) return;
        var cfg = connections.Config;
        var ledger = SyncLedger.On(database);
        if (!SyncSchedule.IsDue(ledger.Status(), cfg.Report.SyncInterval, DateTimeOffset.UtcNow)) return;
        var sync = new PassedResultsSync(cfg.Node, ledger, new SwiftPassedResultsStore(swift, cfg.Swift!), cfg.Swift!.Deadline);
        var outcome = await sync.SyncAsync(budgetEndUtc, null, CancellationToken.None);
        if (outcome.Error is not null)
            throw new CentralDeliveryException(
                $"passing results not synced ({Plural.Of(ledger.Status().Unsynced, "run")} waiting for the next sync): {outcome.Error}");
    }
}
