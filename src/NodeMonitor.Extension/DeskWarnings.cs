namespace NodeMonitor.Extension;

/// <summary>Warnings of the extension: one line each on the test host's stderr, prefixed so they are found.</summary>
internal sealed class DeskWarnings(TextWriter writer)
{
    public void Warn(string message)
    {
        try
        {
            writer.WriteLine($"NodeMonitor extension: warning: {message}");
            writer.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Nowhere left to say it; the test run matters more.
        }
    }
}
