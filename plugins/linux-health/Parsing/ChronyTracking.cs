using System.Globalization;
using System.Text.RegularExpressions;

namespace NodeMonitor.Plugins.LinuxHealth.Parsing;

/// <summary>
/// Parses `chronyc tracking`. The offset is the "System time" line
/// ("0.000123456 seconds fast of NTP time"): how far the system clock is from chrony's
/// estimate of true time right now. "Last offset" is only the last measurement.
/// </summary>
public static partial class ChronyTracking
{
    public const string Service = "chrony";

    public static TimeSyncReading Parse(string text)
    {
        var fields = ColonFields.Parse(text);

        if (!fields.TryGetValue("System time", out var systemTime))
            throw new FormatException("`chronyc tracking` printed no \"System time\" line");
        var match = SystemTimePattern().Match(systemTime);
        if (!match.Success)
            throw new FormatException($"`chronyc tracking` System time is not \"N seconds fast|slow of NTP time\": '{systemTime}'");

        var seconds = double.Parse(match.Groups["seconds"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var offset = match.Groups["direction"].Value == "fast" ? seconds : -seconds;

        var leap = fields.GetValueOrDefault("Leap status", "");
        var reason = leap.Equals("Not synchronised", StringComparison.OrdinalIgnoreCase)
            ? "chronyd is running but not synchronised to any source (Leap status: Not synchronised)"
            : null;
        return new TimeSyncReading(Service, offset, reason);
    }

    [GeneratedRegex(@"^(?<seconds>[0-9]+(\.[0-9]+)?) seconds (?<direction>fast|slow)")]
    private static partial Regex SystemTimePattern();
}
