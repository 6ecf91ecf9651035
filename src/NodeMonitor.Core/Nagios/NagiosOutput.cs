namespace NodeMonitor.Core.Nagios;

/// <summary>
/// A Nagios plugin's output split as the plugin API lays it out: <c>TEXT | perfdata</c> on the first line,
/// then long text lines, any of which may carry more perfdata after a '|'. Nagios 3+ joins both perfdata parts.
/// </summary>
/// <param name="Message">The first line's text, before its '|'.</param>
/// <param name="LongText">The later lines without their perfdata; null when there are none.</param>
/// <param name="PerfData">Every perfdata value, first line first.</param>
/// <param name="PerfDataErrors">Perfdata items that could not be read (kept out of <paramref name="PerfData"/>).</param>
#if !NODEMONITOR_CHECKS
public // internal in NodeMonitor.Checks, which compiles this file in (no Core reference there)
#endif
sealed record NagiosOutput(string Message, string? LongText, IReadOnlyList<PerfDataSample> PerfData, IReadOnlyList<string> PerfDataErrors)
{
    /// <summary>The perfdata parts as the plugin wrote them, joined by a space ("" when there are none).</summary>
    public string PerfDataText { get; init; } = "";

    public static NagiosOutput Parse(string output)
    {
        var lines = output.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        var (message, firstPerf) = SplitAtBar(lines[0]);
        var perfText = new List<string>();
        if (firstPerf is not null) perfText.Add(firstPerf);
        var longText = new List<string>();
        bool inPerfData = false;
        for (int i = 1; i < lines.Length; i++)
        {
            // After the first '|' in the long text, every further line is perfdata (the guidelines' layout).
            if (inPerfData) { perfText.Add(lines[i]); continue; }
            var (text, perf) = SplitAtBar(lines[i]);
            if (perf is not null)
            {
                inPerfData = true;
                perfText.Add(perf);
                if (text.Length > 0) longText.Add(text);
            }
            else longText.Add(lines[i]);
        }
        string joined = string.Join(' ', perfText.Select(p => p.Trim()).Where(p => p.Length > 0));
        var (samples, errors) = PerfDataParser.Parse(joined);
        return new NagiosOutput(message.Trim(), longText.Count == 0 ? null : string.Join('\n', longText), samples, errors) { PerfDataText = joined };
    }

    private static (string Text, string? PerfData) SplitAtBar(string line)
    {
        int bar = line.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (line, null) : (line[..bar].TrimEnd(), line[(bar + 1)..]);
    }
}
