using NodeMonitor.Core.Results;
using NodeMonitor.Core.Security;

namespace NodeMonitor.Cli.Output;

/// <summary>The readable end-of-run report: plugin errors and failing tests first, then the totals.</summary>
internal static class RunSummary
{
    public static void Write(TextWriter o, RunResult run, bool stored = true)
    {
        foreach (var plugin in run.Plugins.Where(p => p.Errored))
        {
            o.WriteLine();
            Colour.WriteLine(o, $"PLUGIN ERROR  {TerminalText.Line(plugin.Name)}: {plugin.Status}", Tone.Failure);
            foreach (var line in FirstLines(plugin.Error, 20)) o.WriteLine($"    {TerminalText.Line(line)}");
            if (plugin.RunningTest is not null && plugin.Error?.Contains(plugin.RunningTest, StringComparison.Ordinal) != true)
                o.WriteLine($"    while running: {TerminalText.Line(plugin.RunningTest)}");
            foreach (var line in LastLines(plugin.CapturedOutput, 10)) o.WriteLine($"    | {TerminalText.Line(line)}");
        }

        var notPassed = run.Plugins.SelectMany(p => p.Tests)
            .Where(t => t.Outcome is TestOutcome.Failed or TestOutcome.Warning or TestOutcome.Inconclusive)
            .OrderBy(t => t.Outcome switch { TestOutcome.Failed => 0, TestOutcome.Warning => 1, _ => 2 })
            .ThenBy(t => t.Plugin, StringComparer.Ordinal)
            .ThenBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var t in notPassed)
        {
            o.WriteLine();
            string label = t.Label is null ? "" : $" ({t.Label}{(t.Site is null or "Test" ? "" : " in " + t.Site)})";
            Colour.WriteLine(o, $"{t.Outcome.ToString().ToUpperInvariant()}{TerminalText.Line(label)}  {TerminalText.Line(t.Plugin)}  {TerminalText.Line(t.FullName)}",
                Colour.Of(t.Outcome));
            foreach (var line in FirstLines(t.Message, 6)) o.WriteLine($"    {TerminalText.Line(line)}");
            if (Location(t.StackTrace) is { } at) o.WriteLine($"    {TerminalText.Line(at)}");
        }

        var c = run.Counts;
        int errored = run.Plugins.Count(p => p.Errored);
        o.WriteLine();
        o.WriteLine($"Plugins: {run.Plugins.Count} ({errored} errored)   Tests: {c.Total} total, {c.Passed} passed, " +
                    $"{c.Failed} failed, {Plural.Of(c.Warnings, "warning")}, {c.Inconclusive} inconclusive, {c.Skipped} skipped");
        // Nothing claims success that was not stored.
        string verdict = !stored ? $"NOT STORED ({(run.Passed ? "checks passed" : "FAILED")})" : run.Passed ? "PASSED" : "FAILED";
        Colour.WriteLine(o, $"Run {TerminalText.Line(run.RunId)} on {TerminalText.Line(run.Node)}: {verdict} in {run.Duration.TotalSeconds:0.00} s",
            stored && run.Passed ? Tone.Success : Tone.Failure);
    }

    /// <summary>The first stack frame that names a source file, else the first frame.</summary>
    internal static string? Location(string? stackTrace)
    {
        if (string.IsNullOrWhiteSpace(stackTrace)) return null;
        var frames = stackTrace.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return frames.FirstOrDefault(f => f.Contains(" in ", StringComparison.Ordinal) && f.Contains(":line ", StringComparison.Ordinal))
               ?? frames.FirstOrDefault();
    }

    private static IEnumerable<string> FirstLines(string? text, int n) =>
        string.IsNullOrEmpty(text) ? [] : text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Take(n);

    private static IEnumerable<string> LastLines(string? text, int n) =>
        string.IsNullOrEmpty(text) ? [] : text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).TakeLast(n);
}
