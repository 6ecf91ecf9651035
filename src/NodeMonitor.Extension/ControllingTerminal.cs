namespace NodeMonitor.Extension;

/// <summary>The terminal `dotnet test` was started from (/dev/tty), which the test host inherits with its session.</summary>
internal static class ControllingTerminal
{
    /// <summary>A writer to the terminal; null in CI, under a service manager or on Windows (no controlling terminal).</summary>
    public static TextWriter? OpenOrNull()
    {
        if (OperatingSystem.IsWindows()) return null;
        try
        {
            return new StreamWriter(new FileStream("/dev/tty", FileMode.Open, FileAccess.Write)) { AutoFlush = true };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
