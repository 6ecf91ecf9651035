using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Discovery;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;
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
        var retries = plan.Plugins.ToDictionary(p => p.Plugin.Name, p => p.Plugin.Manifest.Retries, StringComparer.Ordinal);
        try
        {
            using var outbox = CentralOutbox.Open(cfg.StateDirectory);
            using var swift = cfg.Swift is { } s ? new SwiftClient(s) : null;
            using var etcd = cfg.Etcd is { } e ? EtcdConnection.Create(e) : null;
            var reporter = new CentralReporter(cfg.Node, outbox,
                swift is null ? null : new SwiftBundleStore(swift, cfg.Swift!),
                etcd is null ? null : new EtcdFailureRecords(etcd, cfg.Etcd!),
                cfg.Report, CallDeadline(cfg));
            var outcome = await reporter.ReportAsync(run, store.CurrentStates(), name => retries.GetValueOrDefault(name), CancellationToken.None);
            if (outcome.Error is not null)
                errors.WriteLine($"nodemonitor: warning: central report not delivered ({outcome.Pending} waiting, kept for the next run): {outcome.Error}");
        }
        catch (StoreException e)
        {
            errors.WriteLine($"nodemonitor: warning: central reporting skipped: {e.Message}");
        }
    }

    private static TimeSpan CallDeadline(NodeMonitorConfig cfg) =>
        new[] { cfg.Etcd?.Deadline, cfg.Swift?.Deadline }.OfType<TimeSpan>().DefaultIfEmpty(EtcdSettings.DefaultDeadline).Max();
}
