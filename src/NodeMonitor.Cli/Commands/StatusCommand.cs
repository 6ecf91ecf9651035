using System.CommandLine;
using System.Text.Json;
using NodeMonitor.Core.Results;
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
        var command = new Command("status", """
            Show the last stored run and the current state of every check, failing first, with how long each has
            been in that state. Reads the local store only.

            Exit codes: 0 the last run passed, 1 it failed, 3 no run stored yet or the store cannot be read.

            Examples:
              nodemonitor status
              nodemonitor status --all
              nodemonitor status --format json
            """)
        { config, state, all, format };

        command.SetAction(parse =>
        {
            var cfg = CommonOptions.Load(parse, config, state: state);
            if (!File.Exists(Path.Combine(cfg.StateDirectory, "nodemonitor.db")))
                throw new CouldNotRunException($"no run stored yet in {cfg.StateDirectory} (run `nodemonitor run` first)");
            using var store = RunCommand.OpenStore(cfg);
            var last = store.LastRun() ?? throw new CouldNotRunException($"no run stored yet in {cfg.StateDirectory}");
            var states = store.CurrentStates();
            bool showAll = parse.GetValue(all);
            var shown = states.Where(s => showAll || s.Outcome != TestOutcome.Passed).ToList();
            var now = DateTimeOffset.UtcNow;

            if (parse.GetValue(format) == OutputFormat.Json)
            {
                var doc = new { lastRun = last, states = shown };
                Console.Out.WriteLine(JsonSerializer.Serialize(doc, StoreJson.Options));
            }
            else
            {
                var c = last.Counts;
                Console.Out.WriteLine($"Node {last.Node}: last run {last.RunId} at {last.EndTime.ToLocalTime():yyyy-MM-dd HH:mm:ss} " +
                                      $"({Ago(now - last.EndTime)} ago): {(last.Passed ? "PASSED" : "FAILED")}");
                Console.Out.WriteLine($"  {c.Total} tests: {c.Passed} passed, {c.Failed} failed, {c.Warnings} warnings, " +
                                      $"{c.Inconclusive} inconclusive, {c.Skipped} skipped; {last.Plugins.Count} plugins");
                if (shown.Count == 0) Console.Out.WriteLine(showAll ? "  (no tests recorded)" : "  every check is passing");
                foreach (var s in shown)
                {
                    string name = s.FullName == TestState.PluginLevelName ? "(the plugin itself)" : s.FullName;
                    Console.Out.WriteLine($"  {s.Outcome.ToString().ToUpperInvariant(),-12} {s.Plugin}  {name}  (for {Ago(now - s.Since)})");
                    if (s.Outcome != TestOutcome.Passed && !string.IsNullOrWhiteSpace(s.Message))
                        Console.Out.WriteLine($"      {s.Message.Split('\n')[0].TrimEnd()}");
                }
            }
            return last.Passed ? ExitCodes.Passed : ExitCodes.CheckFailed;
        });
        return command;
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

/// <summary>JSON settings for printing stored records: camelCase, enums as strings.</summary>
internal static class StoreJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
