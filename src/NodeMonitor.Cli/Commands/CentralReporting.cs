using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Discovery;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;
using dotnet_etcd;
using NodeMonitor.Etcd;
using NodeMonitor.Swift;

namespace NodeMonitor.Cli.Commands;

/// <summary>Wires Core's <see cref="CentralReporter"/> to the real etcd and Swift stores, for <c>run</c>.
/// Nothing here runs unless the configuration has an etcd or swift section.</summary>
internal static class CentralReporting
{
    public static bool Enabled(NodeMonitorConfig cfg) => cfg.Etcd is not null || cfg.Swift is not null;

    /// <summary>After the run is in the local store: decide, spool, deliver within the budget. Never throws for a
    /// central problem: the run's exit code is its tests' verdict, and the spool keeps the report.</summary>
    public static async Task AfterRunAsync(NodeMonitorConfig cfg, LocalStore store, RunResult run, RunPlan plan, TextWriter errors)
    {
        if (!Enabled(cfg)) return;
        var syncBudgetEnd = DateTime.UtcNow + cfg.Report.Budget; // the sync of passing results shares the run's budget
        var retries = plan.Plugins.ToDictionary(p => p.Plugin.Name, p => p.Plugin.Manifest.Retries, StringComparer.Ordinal);
        EtcdClient? etcd = null;
        try
        {
            using var outbox = CentralOutbox.Open(cfg.StateDirectory);
            using var swift = cfg.Swift is { } s ? new SwiftClient(s) : null;
            // One client for the report and the heartbeat: the channel connects (TLS, auth) on its first call only.
            etcd = cfg.Etcd is { } e ? EtcdConnection.Create(e) : null;
            var reporter = new CentralReporter(cfg.Node, outbox,
                swift is null ? null : new SwiftBundleStore(swift, cfg.Swift!),
                etcd is null ? null : new EtcdFailureRecords(etcd, cfg.Etcd!),
                cfg.Report, CallDeadline(cfg));
            var outcome = await reporter.ReportAsync(run, store.CurrentStates(), name => retries.GetValueOrDefault(name), CancellationToken.None);
            if (outcome.Error is not null)
                errors.WriteLine($"nodemonitor: warning: central report not delivered ({outcome.Pending} waiting, kept for the next run): {outcome.Error}");
            // Passing results, when the sync interval has passed; not while the centre has just failed to answer.
            if (swift is not null && outcome.Error is null) await SyncIfDueAsync(cfg, swift, syncBudgetEnd, errors);
        }
        catch (Exception e) when (e is StoreException or ConfigurationException)
        {
            // e.g. a certificate file that became unreadable after the configuration was loaded
            errors.WriteLine($"nodemonitor: warning: central reporting skipped: {e.Message}");
        }
        try
        {
            if (etcd is not null) await HeartbeatIfDueAsync(cfg, etcd, run, errors);
        }
        finally
        {
            etcd?.Dispose();
        }
    }

    /// <summary>Syncs the unsynced run summaries when <see cref="ReportSettings.SyncInterval"/> has passed (see
    /// <see cref="SyncSchedule"/>), within what is left of the run's budget. A failure is a warning; the runs wait.</summary>
    private static async Task SyncIfDueAsync(NodeMonitorConfig cfg, SwiftClient swift, DateTime budgetEndUtc, TextWriter errors)
    {
        using var ledger = SyncLedger.Open(cfg.StateDirectory);
        if (!SyncSchedule.IsDue(ledger.Status(), cfg.Report.SyncInterval, DateTimeOffset.UtcNow)) return;
        var sync = new PassedResultsSync(cfg.Node, ledger, new SwiftPassedResultsStore(swift, cfg.Swift!), cfg.Swift!.Deadline);
        var outcome = await sync.SyncAsync(budgetEndUtc, null, CancellationToken.None);
        if (outcome.Error is not null)
            errors.WriteLine($"nodemonitor: warning: passing results not synced ({ledger.Status().Unsynced} run(s) wait for the next sync): {outcome.Error}");
    }

    private static TimeSpan CallDeadline(NodeMonitorConfig cfg) =>
        new[] { cfg.Etcd?.Deadline, cfg.Swift?.Deadline }.OfType<TimeSpan>().DefaultIfEmpty(EtcdSettings.DefaultDeadline).Max();

    /// <summary>Writes <c>&lt;prefix&gt;nodes/&lt;node&gt;</c> when <see cref="ReportSettings.HeartbeatInterval"/> has passed
    /// since the last write; a run that is not due sends nothing on the report's (lazily connecting) client. Its budget is
    /// the run's reporting budget counted from the run's end. A failure is a warning and stays in the ledger for
    /// <c>nodemonitor status</c>.</summary>
    private static async Task HeartbeatIfDueAsync(NodeMonitorConfig cfg, EtcdClient etcd, RunResult run, TextWriter errors)
    {
        if (cfg.Etcd is not { } etcdSettings || HeartbeatSchedule.IsOff(cfg.Report.HeartbeatInterval)) return;
        try
        {
            using var ledger = HeartbeatLedger.Open(cfg.StateDirectory);
            if (!HeartbeatSchedule.IsDue(ledger.Read(), cfg.Report.HeartbeatInterval, DateTimeOffset.UtcNow)) return;
            var sender = new HeartbeatSender(ledger, new EtcdHeartbeat(etcd, etcdSettings), cfg.Report.HeartbeatInterval, etcdSettings.Deadline);
            var (_, error) = await sender.BeatIfDueAsync(run, run.EndTime.UtcDateTime + cfg.Report.Budget, CancellationToken.None);
            if (error is not null) errors.WriteLine($"nodemonitor: warning: heartbeat not written (tried again next run): {error}");
        }
        catch (Exception e) when (e is StoreException or ConfigurationException)
        {
            errors.WriteLine($"nodemonitor: warning: heartbeat skipped: {e.Message}");
        }
    }
}
