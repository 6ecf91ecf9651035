using NodeMonitor.Core.Listening;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Security;

namespace NodeMonitor.Cli.Output;

/// <summary>
/// Shows a run while it happens. On a terminal: one status line rewritten in place plus a line per finished
/// plugin. Under cron or a pipe: only the plain line per finished plugin (no control characters).
/// Called serialized by the run coordinator (IRunListener contract).
/// </summary>
internal sealed class ConsoleProgress(TextWriter output, bool interactive) : IRunListener
{
    private int _pluginsTotal;
    private int _pluginsDone;
    private int _tests;
    private int _failed;
    private string _current = "";
    private bool _statusShown;

    public void OnEvent(RunEvent runEvent)
    {
        switch (runEvent)
        {
            case RunStarted s:
                _pluginsTotal = s.Plugins.Count;
                break;
            case TestStarted t when interactive:
                _current = TerminalText.Line($"{t.Plugin}: {t.FullName}");
                ShowStatus();
                break;
            case TestFinished f:
                _tests++;
                if (f.Result.IsFailure) _failed++;
                break;
            case PluginFinished p:
                _pluginsDone++;
                ClearStatus();
                Colour.WriteLine(output, Describe(p.Result), Colour.Of(p.Result));
                ShowStatus();
                break;
            case RunFinished:
                ClearStatus();
                break;
        }
    }

    internal static string Describe(PluginResult p)
    {
        var c = p.Counts;
        string verdict = p.Errored ? p.Status.ToString().ToUpperInvariant() : p.Succeeded ? "ok" : "FAILED";
        return $"{verdict,-10} {TerminalText.Line(p.Name)}  {c.Passed} passed, {c.Failed} failed, {Plural.Of(c.Warnings, "warning")}, " +
               $"{c.Inconclusive} inconclusive, {c.Skipped} skipped  ({p.Duration.TotalSeconds:0.00} s)";
    }

    private void ShowStatus()
    {
        if (!interactive) return;
        string line = $"[{_pluginsDone}/{Plural.Of(_pluginsTotal, "plugin")}, {Plural.Of(_tests, "test")}, {_failed} failed] {_current}";
        int width = Math.Max(20, SafeWindowWidth() - 1);
        if (line.Length > width) line = line[..(width - 1)] + "…";
        output.Write("\r" + line.PadRight(width) + "\r");
        _statusShown = true;
    }

    private void ClearStatus()
    {
        if (!_statusShown) return;
        output.Write("\r" + new string(' ', Math.Max(20, SafeWindowWidth() - 1)) + "\r");
        _statusShown = false;
    }

    private static int SafeWindowWidth()
    {
        try { return Console.WindowWidth > 0 ? Console.WindowWidth : 100; }
        catch (IOException) { return 100; }
    }
}
