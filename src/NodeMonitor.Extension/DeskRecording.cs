namespace NodeMonitor.Extension;

/// <summary>The switch that turns recording off for one shell or CI job without removing the extension.</summary>
internal static class DeskRecording
{
    public const string SwitchVariable = "NODEMONITOR_RECORD_TESTS";

    /// <summary>"0", "false", "off" or "no" switch recording off; anything else (or unset) leaves it on.</summary>
    public static bool IsSwitchedOff(string? value) =>
        value?.Trim().ToLowerInvariant() is "0" or "false" or "off" or "no";
}
