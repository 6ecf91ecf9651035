using System.CommandLine;
using NodeMonitor.Central;
using NodeMonitor.Cli.Json;
using NodeMonitor.Cli.Output;
using NodeMonitor.Cli.Wiring;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Security;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Cli.Commands;

/// <summary><c>nodemonitor status</c>: the last run and every test's current state, failing first, from the local store.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var state = CommonOptions.State();
        var format = CommonOptions.Format();
        var all = new Option<bool>("--all") { Description = "Also list passing tests (by default only tests that are not passing)." };
        var silences = new Option<bool>("--silences") { Description = "Also read etcd's silences and mark the failing tests they cover (by whom, until when): one etcd request." };
        var command = new Command("status", """
            Show the last stored run and the current state of every check, failing first, with how long each has
            been in that state. With an etcd or swift section, a "Central" part: whether failure reports reached
            the centre (delivered, or pending since when, with the last error), the failure bundle's link, the
            heartbeat and the sync of passing results. Then the store's health: sink failures counted by
            nodemonitor_sink_errors_total, and any corrupt store moved aside. Reads the local store only (read-only,
            so it works on an immutable file): no request to etcd or Swift, unless --silences asks etcd which
            failing tests a silence covers.

            Exit codes: 0 the last run passed, 1 it failed, 3 no run stored yet or the store cannot be read.

            Examples:
              nodemonitor status
              nodemonitor status --all
              nodemonitor status --silences
              nodemonitor status --format json
            """)
        { config, state, all, silences, format };

        command.SetAction(async (parse, ct) =>
        {
            var cfg = CommonOptions.Load(parse, config, state: state);
            using var database = CommandStore.OpenReadOnly(cfg);
            var store = LocalStore.On(database, cfg.Retention);
            var last = store.LastRun() ?? throw new CouldNotRunException($"no run stored yet in {cfg.StateDirectory}");
            var states = store.CurrentStates();
            bool showAll = parse.GetValue(all);
            var shown = states.Where(s => showAll || s.Outcome != TestOutcome.Passed).ToList();
            var now = DateTimeOffset.UtcNow;
            var central = CentralConnections.Enabled(cfg) ? CentralStatusReader.On(database).Read() : null;
            var health = StoreHealth.Read(cfg, database);
            var covering = parse.GetValue(silences) ? await StatusSilences.ReadAsync(cfg, ct) : null;
            Silence? CoveredBy(TestState t) => covering is null || t.Outcome == TestOutcome.Passed ? null
                : covering.FirstOrDefault(x => x.Matches(last.Node, t.Plugin, t.FullName == TestState.PluginLevelName ? null : t.FullName, cfg.Labels));

            if (parse.GetValue(format) == OutputFormat.Json)
            {
                var doc = new StatusDocument(last, shown,
                    covering is null ? null : shown.Where(t => CoveredBy(t) is not null)
                        .Select(t => new SilencedTestDocument(t.Plugin, t.FullName, CoveredBy(t))).ToList(),
                    central is null ? null : CentralDocument(cfg, central, now),
                    health.Document());
                Console.Out.WriteLine(CliJson.Print(doc));
            }
            else
            {
                var c = last.Counts;
                Colour.WriteLine(Console.Out, $"Node {TerminalText.Line(last.Node)}: last run {last.RunId} at {last.EndTime.ToLocalTime():yyyy-MM-dd HH:mm:ss} " +
                                              $"({Ago(now - last.EndTime)} ago): {(last.Passed ? "PASSED" : "FAILED")}", last.Passed ? Tone.Success : Tone.Failure);
                Console.Out.WriteLine($"  {Plural.Of(c.Total, "test")}: {c.Passed} passed, {c.Failed} failed, {Plural.Of(c.Warnings, "warning")}, " +
                                      $"{c.Inconclusive} inconclusive, {c.Skipped} skipped; {Plural.Of(last.Plugins.Count, "plugin")}");
                if (shown.Count == 0) Console.Out.WriteLine(showAll ? "  (no tests recorded)" : "  every check is passing");
                foreach (var s in shown)
                {
                    string name = s.FullName == TestState.PluginLevelName ? "(the plugin itself)" : s.FullName;
                    Colour.WriteLine(Console.Out, $"  {s.Outcome.ToString().ToUpperInvariant(),-12} {TerminalText.Line(s.Plugin)}  {TerminalText.Line(name)}  (for {Ago(now - s.Since)})" +
                                                  SilenceJson.Note(CoveredBy(s)), Colour.Of(s.Outcome));
                    if (s.Outcome != TestOutcome.Passed && !string.IsNullOrWhiteSpace(s.Message))
                        Console.Out.WriteLine($"      {TerminalText.Line(s.Message.Split('\n')[0].TrimEnd())}");
                }
                if (central is not null) WriteCentral(Console.Out, cfg, central, now);
                health.Write(Console.Out);
            }
            return last.Passed ? ExitCodes.Passed : ExitCodes.CheckFailed;
        });
        return command;
    }

    private static CentralStatusDocument CentralDocument(NodeMonitorConfig cfg, CentralStatus central, DateTimeOffset now) => new(
        cfg.Etcd is not null,
        cfg.Swift is not null,
        CentralStatusJson.Delivery(central),
        CentralStatusJson.FailureBundle(central, now),
        cfg.Etcd is null ? null : new HeartbeatDocument(cfg.Report.HeartbeatInterval.TotalSeconds, central.Heartbeat?.WrittenAt,
            central.Heartbeat?.ExpiresAt, central.Heartbeat?.LeaseId, central.Heartbeat?.LastAttemptAt, central.Heartbeat?.LastError),
        cfg.Swift is null ? null : new SyncDocument(central.Sync?.LastSyncAt, central.Sync?.LastObject, central.Sync?.LastRuns,
            central.Sync?.LastBytes, central.Sync?.LastAttemptAt, central.Sync?.LastError, central.UnsyncedRuns));

    private static void WriteCentral(TextWriter output, NodeMonitorConfig cfg, CentralStatus central, DateTimeOffset now)
    {
        string At(DateTimeOffset t) => $"{t.ToLocalTime():yyyy-MM-dd HH:mm:ss} ({Ago(now - t)} ago)";
        string In(DateTimeOffset t) => t > now ? $"{t.ToLocalTime():yyyy-MM-dd HH:mm:ss} (in {Ago(t - now)})" : $"{At(t)}, expired";
        var d = central.Delivery;
        output.WriteLine($"Central ({string.Join(", ", new[] { cfg.Etcd is null ? null : "etcd", cfg.Swift is null ? null : "swift" }.OfType<string>())}):");
        output.WriteLine(central.DeliveryState switch
        {
            CentralDeliveryState.Pending => $"  reports     PENDING {d.Pending} waiting since {At(d.PendingSince!.Value)}",
            CentralDeliveryState.Delivered => $"  reports     delivered{(d.DeliveredAt is { } at ? $", centre last changed {At(at)}" : "")}" +
                                              $"{(central.FailingCentrally ? " (node reported failing)" : "")}",
            _ => "  reports     nothing reported yet",
        });
        if (d.LastError is not null)
            output.WriteLine($"              last error{(d.LastAttemptAt is { } a ? $" {At(a)}" : "")}: {d.LastError}");
        if (central.FailureBundle is { } bundle)
        {
            output.WriteLine($"  failure     run {bundle.RunId}: {bundle.UrlAt(now)}");
            if (bundle.Link.TempUrlExpiresAt is { } expires)
                output.WriteLine($"              {(bundle.TempUrlValidAt(now) ? "TempURL valid until" : "TempURL expired; object URL shown (needs a token), expired")} {In(expires)}");
        }
        if (cfg.Etcd is not null)
        {
            var h = central.Heartbeat;
            string heartbeat = HeartbeatSchedule.IsOff(cfg.Report.HeartbeatInterval) ? "off (report.heartbeatMinutes = 0)"
                : h?.WrittenAt is { } written ? $"written {At(written)}, counts until {In(h.ExpiresAt ?? written)}"
                : "not written yet";
            output.WriteLine($"  heartbeat   {heartbeat}");
            if (h?.LastError is not null)
                output.WriteLine($"              last error{(h.LastAttemptAt is { } a ? $" {At(a)}" : "")}: {h.LastError}");
        }
        if (cfg.Swift is not null)
        {
            var s = central.Sync;
            string sync = s?.LastSyncAt is { } synced
                ? $"last {At(synced)}: {Plural.Of(s.LastRuns ?? 0, "run")}, {Plural.Of(s.LastBytes ?? 0, "byte")} -> {s.LastObject}"
                : "never synced";
            output.WriteLine($"  sync        {sync}; {Plural.Of(central.UnsyncedRuns, "run")} not synced yet");
            if (s?.LastError is not null)
                output.WriteLine($"              last error{(s.LastAttemptAt is { } a ? $" {At(a)}" : "")}: {s.LastError}");
        }
    }

    internal static string Ago(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span.TotalMinutes < 1) return $"{(int)span.TotalSeconds}s";
        if (span.TotalHours < 1) return $"{(int)span.TotalMinutes}m";
        if (span.TotalDays < 1) return $"{(int)span.TotalHours}h{span.Minutes:00}m";
        return $"{(int)span.TotalDays}d{span.Hours:00}h";
    }
}
