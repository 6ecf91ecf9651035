using System.CommandLine;
using System.Globalization;
using NodeMonitor.Cli.Json;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Cli.Wiring;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Security;
using NodeMonitor.Core.Storage;
using NodeMonitor.Metrics;

namespace NodeMonitor.Cli.Commands;

/// <summary><c>nodemonitor metrics</c>: stored metric series from the command line.</summary>
internal static class MetricsCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var state = CommonOptions.State();
        var format = CommonOptions.Format();
        var name = new Argument<string?>("NAME") { Description = "Only this metric (exact name). Default: every series, latest values only.", Arity = ArgumentArity.ZeroOrOne };
        var since = new Option<string?>("--since") { Description = "Print the points since then: 30m, 6h, 7d, 2w or a date. Default with NAME: 1h.", HelpName = "WHEN" };
        var labels = new Option<string?>("--labels") { Description = "Only series with these labels, e.g. plugin=linux-health,mount=/.", HelpName = "K=V,..." };
        var command = new Command("metrics", """
            Print stored metric series: without NAME the latest value of every series, with NAME its points over
            --since (raw samples for the last 48 h, then 5-minute and 1-hour min/avg/max rollups).

            Examples:
              nodemonitor metrics
              nodemonitor metrics nodemonitor_plugin_duration_seconds --since 6h
              nodemonitor metrics nodemonitor_plugin_success --labels plugin=linux-health --format json
            """)
        { name, config, state, since, labels, format };

        command.SetAction(parse =>
        {
            var cfg = CommonOptions.Load(parse, config, state: state);
            IReadOnlyDictionary<string, string> selector;
            try
            {
                selector = MetricLabels.ParseSelector(parse.GetValue(labels));
            }
            catch (FormatException e)
            {
                throw new ConfigurationException(e.Message, key: "--labels");
            }
            var now = DateTimeOffset.UtcNow;
            using var database = CommandStore.OpenReadOnly(cfg);
            var store = MetricStore.On(database, NodePipeline.Retention(cfg));
            string? metric = parse.GetValue(name);
            bool json = parse.GetValue(format) == OutputFormat.Json;
            if (metric is null && parse.GetValue(since) is null)
            {
                var series = store.Series(null, selector);
                if (json) Console.Out.WriteLine(CliJson.Print(series));
                else foreach (var s in series) Console.Out.WriteLine($"{TerminalText.Line(s.Name + s.LabelText)} {Number(s.LastValue)}  ({s.LastTime.ToLocalTime():yyyy-MM-dd HH:mm:ss})");
                if (!json && series.Count == 0) Console.Out.WriteLine("no metrics stored");
                return ExitCodes.Passed;
            }
            var from = TimeExpressions.ParseSince(parse.GetValue(since) ?? "1h", now) ?? now.AddHours(-1);
            var points = store.Points(metric, selector, from, now, now);
            if (json) Console.Out.WriteLine(CliJson.Print(points));
            else
            {
                foreach (var p in points)
                {
                    string resolution = p.Resolution == TimeSpan.Zero ? "raw samples" : $"{p.Resolution.TotalMinutes:0}-minute min/avg/max";
                    Console.Out.WriteLine($"{TerminalText.Line(p.Series.Name + p.Series.LabelText)}  ({resolution}{(p.Series.Unit is { } u ? $", {TerminalText.Line(u)}" : "")})");
                    foreach (var point in p.Points)
                    {
                        string value = p.Resolution == TimeSpan.Zero
                            ? Number(point.Avg)
                            : $"{Number(point.Min)} / {Number(point.Avg)} / {Number(point.Max)}";
                        Console.Out.WriteLine($"  {point.Time.ToLocalTime():yyyy-MM-dd HH:mm:ss}  {value}");
                    }
                }
                if (points.Count == 0) Console.Out.WriteLine(metric is null ? "no metrics stored" : $"no series named {TerminalText.Line(metric)}");
            }
            return ExitCodes.Passed;
        });
        return command;
    }

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
