using System.Globalization;
using System.Text;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;
using NodeMonitor.Metrics;

namespace NodeMonitor.Http;

/// <summary>
/// Prometheus text exposition (format 0.0.4) of the latest value of every stored series, plus the current state
/// of every test. No timestamps: Prometheus stamps the scrape, and old samples would otherwise be dropped as stale.
/// </summary>
public static class PrometheusExposition
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly string[] ReservedSuffixes = ["_count", "_sum", "_bucket"];

    private static readonly Dictionary<string, string> Help = new(StringComparer.Ordinal)
    {
        ["nodemonitor_run_duration_seconds"] = "Wall-clock duration of the last nodemonitor run.",
        ["nodemonitor_run_success"] = "1 when the last run passed (no failed test, no plugin error), else 0.",
        ["nodemonitor_runs_total"] = "Runs stored on this node.",
        ["nodemonitor_tests"] = "Tests of the last run by outcome.",
        ["nodemonitor_plugin_duration_seconds"] = "Duration of each plugin's worker in the last run it took part in.",
        ["nodemonitor_plugin_success"] = "1 when the plugin completed with no failed test in its last run, else 0.",
        ["nodemonitor_sink_errors_total"] = "Failed writes to a result sink.",
    };

    public static string Write(IReadOnlyList<MetricSeries> series, IReadOnlyList<TestState> states, StoredRun? lastRun)
    {
        var text = new StringBuilder();
        foreach (var group in series.GroupBy(s => s.Name, StringComparer.Ordinal))
        {
            var first = group.First();
            string help = Help.GetValueOrDefault(group.Key)
                          ?? $"Recorded by a plugin test{(first.Unit is { } unit ? $" (unit: {unit})" : "")}.";
            text.Append("# HELP ").Append(group.Key).Append(' ').Append(EscapeHelp(help)).Append('\n');
            text.Append("# TYPE ").Append(group.Key).Append(' ').Append(TypeOf(group)).Append('\n');
            foreach (var s in group) text.Append(s.Name).Append(s.LabelText).Append(' ').Append(Number(s.LastValue)).Append('\n');
        }

        if (lastRun is not null)
        {
            text.Append("# HELP nodemonitor_last_run_timestamp_seconds When the last stored run ended (Unix time).\n");
            text.Append("# TYPE nodemonitor_last_run_timestamp_seconds gauge\n");
            text.Append("nodemonitor_last_run_timestamp_seconds ").Append(Number(lastRun.EndTime.ToUnixTimeMilliseconds() / 1000.0)).Append('\n');
        }
        if (states.Count > 0)
        {
            text.Append("# HELP nodemonitor_test_status 1 while the test's (or plugin's, test=\"<plugin>\") last outcome is not Failed, 0 while it is.\n");
            text.Append("# TYPE nodemonitor_test_status gauge\n");
            foreach (var s in states)
            {
                text.Append("nodemonitor_test_status")
                    .Append(MetricLabels.Format(MetricLabels.None, ("outcome", s.Outcome.ToString()), ("plugin", s.Plugin), ("test", s.FullName)))
                    .Append(' ').Append(s.Outcome == TestOutcome.Failed ? "0" : "1").Append('\n');
            }
        }
        return text.ToString();
    }

    // promtool's lint holds a gauge or counter to conventions a plugin's names need not follow: counters named *_total
    // and nothing else so named, no _count/_sum/_bucket suffix (histograms and summaries), no le or quantile label. Such
    // a series is exposed untyped: its value is the same, and untyped claims nothing. (The style of a name itself,
    // camelCase or units such as _ms, is its author's: promtool reports it whatever the type.)
    private static string TypeOf(IGrouping<string, MetricSeries> group)
    {
        string name = group.Key;
        string type = group.First().Kind == MetricKind.Counter ? "counter" : "gauge";
        bool conventional = name.EndsWith("_total", StringComparison.Ordinal) == (type == "counter")
            && !ReservedSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal))
            && !group.Any(s => s.Labels.ContainsKey("le") || s.Labels.ContainsKey("quantile"));
        return conventional ? type : "untyped";
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
