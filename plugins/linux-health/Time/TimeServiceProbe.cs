using NodeMonitor.Plugins.LinuxHealth.Parsing;

namespace NodeMonitor.Plugins.LinuxHealth.Time;

/// <summary>
/// Asks the node's time service for the clock offset: chrony first, then systemd-timesyncd.
/// A service counts as present only when its daemon answers; an installed chronyc with no chronyd
/// running, or timedatectl on a machine without systemd (a container), is no service.
/// </summary>
public static class TimeServiceProbe
{
    /// <summary>The reading of the first service that answers, or null, with what was tried in <c>Tried</c>.</summary>
    public static async Task<(TimeSyncReading? Reading, IReadOnlyList<string> Tried)> ReadAsync(CancellationToken cancellationToken)
    {
        var tried = new List<string>();

        var chronyc = ExternalCommand.Find("chronyc");
        if (chronyc is null)
            tried.Add("chronyc: not installed");
        else
        {
            var result = await ExternalCommand.RunAsync(chronyc, ["tracking"], cancellationToken);
            if (result.ExitCode == 0)
                return (ChronyTracking.Parse(result.StandardOutput), tried);
            tried.Add($"chronyc tracking: exit {result.ExitCode} {FirstLine(result)}");
        }

        var timedatectl = ExternalCommand.Find("timedatectl");
        if (timedatectl is null)
            tried.Add("timedatectl: not installed");
        else
        {
            var result = await ExternalCommand.RunAsync(timedatectl, ["timesync-status"], cancellationToken);
            if (result.ExitCode == 0)
                return (TimesyncStatus.Parse(result.StandardOutput), tried);
            tried.Add($"timedatectl timesync-status: exit {result.ExitCode} {FirstLine(result)}");
        }

        return (null, tried);
    }

    private static string FirstLine(CommandResult result)
    {
        var text = string.IsNullOrWhiteSpace(result.StandardError) ? result.StandardOutput : result.StandardError;
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return line is null ? "" : $"({line})";
    }
}
