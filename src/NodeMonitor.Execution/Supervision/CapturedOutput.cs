using NodeMonitor.Core.Results;
using NodeMonitor.Execution.Protocol;

namespace NodeMonitor.Execution.Supervision;

/// <summary>A worker's output besides the protocol (stderr, where its stdout goes too), capped; a shared worker restarts it
/// for each plugin, so a plugin's failure shows its own output. The two pipes are not ordered with each other: the last
/// lines a plugin wrote just before its done message may appear with the next plugin's.</summary>
internal sealed class CapturedOutput
{
    private readonly Lock _gate = new();
    private HeadTailText _text = new(OutputLimits.CapturedProcessOutputChars);

    public async Task ReadAsync(StreamReader reader)
    {
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            lock (_gate) _text.Append(buffer.AsSpan(0, read));
        }
    }

    public string Text()
    {
        lock (_gate) return _text.ToString();
    }

    /// <summary>Returns what was captured so far and starts afresh.</summary>
    public string Restart()
    {
        lock (_gate)
        {
            string text = _text.ToString();
            _text = new HeadTailText(OutputLimits.CapturedProcessOutputChars);
            return text;
        }
    }
}
