using NodeMonitor.Core.Pipeline;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;
using NodeMonitor.Etcd;

namespace NodeMonitor.Central;

/// <summary>
/// The centre hears about changes only: after the run is in the local store, decide (every plugin judged with its own
/// <c>retries</c>), spool, deliver within the reporting budget, then the heartbeat when it is due. A run the store could
/// not keep is still reported when it failed: through the spool if that can be written, else directly. Fails (and so is
/// counted) when something the centre should hear did not reach it; the spool keeps what it holds for the next run.
/// </summary>
/// <param name="database">The run's store file; null when it could not be opened.</param>
/// <param name="retriesOf">A plugin's <c>retries</c> from its own plugin.json (0 for one not installed).</param>
/// <param name="installed">Every installed plugin (facts of others are forgotten); null keeps them.</param>
/// <param name="clusterPlugins">Plugins of scope cluster: reported under the cluster's name by the aggregator, never as
/// this node's failures.</param>
public sealed class CentralReportSink(CentralConnections connections, StoreDatabase? database, Func<string, int> retriesOf,
    IReadOnlySet<string>? installed = null, IReadOnlySet<string>? clusterPlugins = null) : IResultSink
{
    public string Name => "central";

    public async Task WriteAsync(RunResult run, SinkContext context, CancellationToken ct)
    {
        var problems = new List<string>();
        var full = run;
        if (clusterPlugins is { Count: > 0 })
            run = run with { Plugins = run.Plugins.Where(p => !clusterPlugins.Contains(p.Name)).ToList() };
        try
        {
            string? problem = context.Stored ? await ReportStoredAsync(run) : await ReportUnstoredAsync(run, context);
            if (problem is not null) problems.Add(problem);
        }
        catch (StoreException e)
        {
            problems.Add($"central report skipped: {e.Message}");
        }
        if (database is not null && connections.Etcd is not null)
        {
            string? heartbeat = await HeartbeatIfDueAsync(full, context.Stored);
            if (heartbeat is not null) problems.Add(heartbeat);
        }
        if (problems.Count > 0) throw new CentralDeliveryException(string.Join("; ", problems));
    }

    private async Task<string?> ReportStoredAsync(RunResult run)
    {
        var outbox = CentralOutbox.On(database!);
        var states = LocalStore.On(database!, connections.Config.Retention).CurrentStates()
            .Where(s => clusterPlugins is null || !clusterPlugins.Contains(s.Plugin)).ToList();
        var outcome = await connections.Reporter(outbox).ReportAsync(run, states, retriesOf, CancellationToken.None);
        return outcome.Error is null ? null
            : $"central report not delivered ({outcome.Pending} waiting, kept for the next run): {outcome.Error}";
    }

    /// <summary>Nothing may claim success that was not stored, so a passing run sends nothing; a failing one is reported
    /// with the store's failure among its failures.</summary>
    private async Task<string?> ReportUnstoredAsync(RunResult run, SinkContext context)
    {
        string storeError = "the local store could not keep this run: " +
                            (context.Errors.FirstOrDefault(e => e.Sink == LocalStoreSink.SinkName)?.Message ?? "no local store");
        var state = FailureStateEvaluator.EvaluateUnstored(run, storeError);
        if (state is null) return null;
        var bundle = FailureBundle.From(run);
        if (database is not null)
        {
            try
            {
                var reporter = connections.Reporter(CentralOutbox.On(database));
                reporter.Decide(run, state);
                var (_, pending, error) = await reporter.DeliverAsync(CancellationToken.None);
                return error is null ? null : $"central report not delivered ({pending} waiting, kept for the next run): {error}";
            }
            catch (StoreException)
            {
                // The spool is in the same file: fall through to one direct attempt.
            }
        }
        try
        {
            await new DirectFailureReport(connections.Bundles, connections.Records, connections.Config.Report, connections.CallDeadline)
                .DeliverAsync(state, bundle, CancellationToken.None);
            return null;
        }
        catch (CentralDeliveryException e)
        {
            return $"central report not delivered and not spooled (the local store cannot be written): {e.Message}";
        }
    }

    /// <summary>Writes <c>&lt;prefix&gt;nodes/&lt;node&gt;</c> when the heartbeat interval has passed since the last write; a
    /// run that is not due sends nothing. Its budget is the reporting budget counted from the run's end.</summary>
    private async Task<string?> HeartbeatIfDueAsync(RunResult run, bool stored)
    {
        var cfg = connections.Config;
        if (HeartbeatSchedule.IsOff(cfg.Report.HeartbeatInterval)) return null;
        try
        {
            var ledger = HeartbeatLedger.On(database!);
            var facts = NodeFactsLedger.On(database!);
            if (stored) facts.Update(run, installed, DateTimeOffset.UtcNow);
            var sender = new HeartbeatSender(ledger, new EtcdHeartbeat(connections.Etcd!, cfg.Etcd!), cfg.Report.HeartbeatInterval, cfg.Etcd!.Deadline);
            var (_, error) = await sender.BeatIfDueAsync(run, facts.Publication(cfg.Labels), run.EndTime.UtcDateTime + cfg.Report.Budget,
                CancellationToken.None);
            return error is null ? null : $"heartbeat not written (tried again next run): {error}";
        }
        catch (StoreException e)
        {
            return $"heartbeat skipped: {e.Message}";
        }
    }
}
