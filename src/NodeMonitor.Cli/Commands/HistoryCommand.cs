using System.CommandLine;
using NodeMonitor.Cli.Json;
using NodeMonitor.Cli.Wiring;
using NodeMonitor.Core.Storage;
using NodeMonitor.Core.Security;

namespace NodeMonitor.Cli.Commands;

/// <summary><c>nodemonitor history</c>: stored state changes and non-passing results, newest first.</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var state = CommonOptions.State();
        var format = CommonOptions.Format();
        var plugin = new Option<string?>("--plugin", "-p") { Description = "Only this plugin.", HelpName = "NAME" };
        var test = new Option<string?>("--test", "-t") { Description = "Only tests whose full name contains this text.", HelpName = "TEXT" };
        var since = new Option<string?>("--since") { Description = "Only records newer than this: 30m, 6h, 7d, 2w or a date (2026-11-20).", HelpName = "WHEN" };
        var limit = new Option<int>("--limit", "-n") { Description = "At most this many records.", DefaultValueFactory = _ => 50 };
        var command = new Command("history", """
            Show the stored history: every state change (pass->fail, fail->pass) and every non-passing result,
            newest first. Passing runs of a passing test are not stored one by one (see `nodemonitor status`).

            Examples:
              nodemonitor history
              nodemonitor history --plugin linux-health --since 7d
              nodemonitor history --test DiskSpace --limit 20 --format json
            """)
        { config, state, plugin, test, since, limit, format };

        command.SetAction(parse =>
        {
            var cfg = CommonOptions.Load(parse, config, state: state);
            var from = TimeExpressions.ParseSince(parse.GetValue(since), DateTimeOffset.UtcNow);
            using var database = CommandStore.OpenReadOnly(cfg);
            var store = LocalStore.On(database, cfg.Retention);
            var records = store.History(parse.GetValue(plugin), parse.GetValue(test), from, Math.Max(1, parse.GetValue(limit)));
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                Console.Out.WriteLine(CliJson.Print(records));
                return ExitCodes.Passed;
            }
            if (records.Count == 0) Console.Out.WriteLine("(no matching history)");
            foreach (var r in records)
            {
                string change = r.PreviousOutcome is { } prev ? $"{prev} -> {r.Outcome}" : r.Outcome.ToString();
                Console.Out.WriteLine($"{r.Time.ToLocalTime():yyyy-MM-dd HH:mm:ss}  {change,-22} {TerminalText.Line(r.Plugin)}  {TerminalText.Line(r.FullName)}");
                if (!string.IsNullOrWhiteSpace(r.Message)) Console.Out.WriteLine($"    {TerminalText.Line(r.Message.Split('\n')[0].TrimEnd())}");
            }
            return ExitCodes.Passed;
        });
        return command;
    }
}
