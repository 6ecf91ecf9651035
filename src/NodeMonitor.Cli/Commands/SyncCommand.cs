using System.CommandLine;
using System.Globalization;
using NodeMonitor.Central;
using NodeMonitor.Cli.Wiring;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Storage;
using NodeMonitor.Swift;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Cli.Commands;

/// <summary><c>nodemonitor sync</c>: deliver the spooled central reports, then upload the run summaries not yet in Swift.</summary>
internal static class SyncCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var state = CommonOptions.State();
        var node = CommonOptions.Node();
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Print the objects a sync would upload (name, runs, bytes); send and mark nothing.",
        };
        var wait = new Option<double>("--wait")
        {
            Description = "If a run holds the lock, wait up to this many seconds instead of exiting with 3.",
            HelpName = "SECONDS",
        };
        var command = new Command("sync", """
            Deliver the central reports waiting in the spool (as `run` does), then upload the summaries of every
            stored run not yet in Swift: one gzip JSON-lines object per 10,000 runs, named
            <node>/passed/<yyyy-MM-dd>/<first-run>_<last-run>.jsonl.gz, expiring after swift.deleteAfterDays.
            Runs are marked synced only after Swift stored their object, so a failed sync loses nothing and the
            next one sends it. `run` does the same by itself every report.syncHours (default 6). Takes the run
            lock, so it never overlaps a run. Needs the swift section in the configuration.

            Exit codes: 0 synced or nothing to do, 2 usage or configuration error (no swift section), 3 Swift
            (or etcd, for spooled reports) not reachable, lock held, or state not usable.

            Examples:
              nodemonitor sync
              nodemonitor sync --dry-run
              nodemonitor sync --state /tmp/nm-state --wait 60
            """)
        { config, state, node, dryRun, wait };

        command.SetAction(async (parse, ct) =>
        {
            var cfg = CommonOptions.Load(parse, config, state: state, node: node);
            if (parse.GetValue(dryRun)) return DryRun(cfg, Console.Out);
            var swiftSettings = cfg.Swift ?? throw new ConfigurationException(
                "no swift section in the configuration; `sync` uploads to Swift", cfg.SourceFile, "swift");
            using var runLock = RunLock.Acquire(cfg.StateDirectory, TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(wait))));
            using var database = CommandStore.OpenWritable(cfg);
            using var central = CentralConnections.Open(cfg);
            string? spoolError = await SpoolDelivery.DeliverAsync(central, database, Console.Out, Console.Error, ct);

            var ledger = SyncLedger.On(database);
            var sync = new PassedResultsSync(cfg.Node, ledger, new SwiftPassedResultsStore(central.Swift!, swiftSettings), swiftSettings.Deadline);
            // An interactive sync has no overall budget: each upload still ends by its own deadline.
            var outcome = await sync.SyncAsync(DateTime.MaxValue, o => Console.Out.WriteLine(Describe("uploaded", o, swiftSettings.Container)), ct);
            if (outcome.Error is not null)
            {
                int waiting = ledger.Status().Unsynced;
                Console.Error.WriteLine($"nodemonitor: cannot sync: {outcome.Error}; {Plural.Of(waiting, "run")} {(waiting == 1 ? "waits" : "wait")} for the next sync");
            }
            if (outcome.Objects > 0)
                Console.Out.WriteLine($"Synced {Plural.Of(outcome.Runs, "run")} in {Plural.Of(outcome.Objects, "object")}, {Size(outcome.Bytes)}, to Swift container {swiftSettings.Container}.");
            else if (outcome.Error is null)
                Console.Out.WriteLine($"Nothing to sync: every stored run is in Swift{LastSync(ledger.Status())}.");
            return spoolError is null && outcome.Error is null ? ExitCodes.Passed : ExitCodes.CouldNotRun;
        });
        return command;
    }

    private static int DryRun(NodeMonitorConfig cfg, TextWriter stdout)
    {
        string container = cfg.Swift?.Container ?? SwiftSettings.DefaultContainer;
        if (!File.Exists(Path.Combine(cfg.StateDirectory, LocalStore.DatabaseFileName)))
        {
            // A dry run creates nothing, not even an empty store.
            stdout.WriteLine($"Nothing to sync: no local store in {cfg.StateDirectory}.");
            return ExitCodes.Passed;
        }
        using var database = CommandStore.OpenReadOnly(cfg);
        int pending = CentralOutbox.On(database).Status().Pending;
        if (pending > 0) stdout.WriteLine($"would deliver {Plural.Of(pending, "spooled central report")} first");
        var ledger = SyncLedger.On(database);
        int objects = 0, runs = 0;
        long bytes = 0;
        foreach (var o in PassedResultsSync.Preview(cfg.Node, ledger))
        {
            stdout.WriteLine(Describe("would upload", o, container));
            objects++;
            runs += o.Runs;
            bytes += o.Content.Length;
        }
        stdout.WriteLine(objects == 0
            ? $"Nothing to sync: every stored run is in Swift{LastSync(ledger.Status())}."
            : $"Dry run: {Plural.Of(runs, "run")} in {Plural.Of(objects, "object")}, {Size(bytes)}, would go to Swift container {container}; nothing was sent or marked.");
        if (cfg.Swift is null) stdout.WriteLine("Note: the configuration has no swift section; a real sync would exit with 3.");
        return ExitCodes.Passed;
    }

    private static string Describe(string verb, PassedResultsObject o, string container) =>
        $"{verb} {container}/{o.Name}: {Plural.Of(o.Runs, "run")}, {Size(o.Content.Length)}";

    private static string LastSync(SyncStatus status) =>
        status.LastSyncAt is { } at ? $" (last sync {StatusCommand.Ago(DateTimeOffset.UtcNow - at)} ago: {status.LastObject})" : "";

    private static string Size(long bytes) => bytes < 1024
        ? Plural.Of(bytes, "byte")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB ({bytes} bytes)");
}
