using System.Globalization;
using System.Text.RegularExpressions;

namespace NodeMonitor.Plugins.LinuxHealth.Parsing;

/// <summary>
/// Parses `timedatectl timesync-status` (systemd-timesyncd). The "Offset" line is written as a
/// systemd time span with a sign: "-2.118ms", "+1min 2.500s", "+350us". Before the first
/// synchronisation there is no Offset line at all.
/// </summary>
public static partial class TimesyncStatus
{
    public const string Service = "systemd-timesyncd";

    public static TimeSyncReading Parse(string text)
    {
        var fields = ColonFields.Parse(text);
        if (!fields.TryGetValue("Offset", out var offset))
        {
            var server = fields.GetValueOrDefault("Server", "none");
            return new TimeSyncReading(Service, null,
                $"systemd-timesyncd has not synchronised yet (no Offset in `timedatectl timesync-status`; server: {server})");
        }
        return new TimeSyncReading(Service, ParseTimeSpanSeconds(offset), null);
    }

    /// <summary>Seconds in a signed systemd time span such as "-1min 2.5s" or "+350us".</summary>
    public static double ParseTimeSpanSeconds(string text)
    {
        var trimmed = text.Trim();
        var sign = trimmed.StartsWith('-') ? -1 : 1;
        var body = trimmed.TrimStart('+', '-');

        var parts = SpanPartPattern().Matches(body);
        if (parts.Count == 0 || string.Concat(parts.Select(p => p.Value)).Replace(" ", "") != body.Replace(" ", ""))
            throw new FormatException($"'{text}' is not a systemd time span like \"-2.118ms\"");

        var seconds = parts.Sum(p =>
            double.Parse(p.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture)
            * UnitSeconds(p.Groups["unit"].Value));
        return sign * seconds;
    }

    private static double UnitSeconds(string unit) => unit switch
    {
        "ns" => 1e-9,
        "us" or "µs" or "μs" => 1e-6,
        "ms" => 1e-3,
        "s" => 1,
        "min" => 60,
        "h" => 3600,
        "d" => 86400,
        _ => throw new FormatException($"unknown time unit '{unit}'"),
    };

    [GeneratedRegex(@"(?<number>[0-9]+(\.[0-9]+)?)(?<unit>ns|us|µs|μs|ms|min|s|h|d)(?![a-z])\s*")]
    private static partial Regex SpanPartPattern();
}
