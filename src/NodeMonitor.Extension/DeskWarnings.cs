namespace NodeMonitor.Extension;

/// <summary>
/// Warnings of the extension: one line each, prefixed so they are found, on the test host's stderr and on the
/// controlling terminal when there is one. `dotnet test` shows the test host's stderr only from `-v normal` up, so
/// without the terminal a plain `dotnet test` would hide that a run was not recorded.
/// </summary>
internal sealed class DeskWarnings(TextWriter writer, Func<TextWriter?>? terminal = null)
{
    private readonly Lazy<TextWriter?> _terminal = new(() => terminal?.Invoke());

    public void Warn(string message)
    {
        string line = $"NodeMonitor extension: warning: {message}";
        Write(writer, line);
        if (_terminal.Value is { } tty) Write(tty, line);
    }

    private static void Write(TextWriter to, string line)
    {
        try
        {
            to.WriteLine(line);
            to.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Nowhere left to say it; the test run matters more.
        }
    }
}
