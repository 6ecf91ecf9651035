using System.Globalization;
using NodeMonitor.Core.Configuration;

namespace NodeMonitor.Cli;

/// <summary>Parses <c>--since</c> values: a duration back from now (<c>30m</c>, <c>6h</c>, <c>7d</c>) or a date/time (<c>2026-11-20</c>, ISO 8601).</summary>
internal static class TimeExpressions
{
    public static DateTimeOffset? ParseSince(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        string v = value.Trim();
        if (v.Length > 1 && double.TryParse(v[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double n) && n >= 0)
        {
            TimeSpan? span = char.ToLowerInvariant(v[^1]) switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                'w' => TimeSpan.FromDays(7 * n),
                _ => null,
            };
            if (span is not null) return now - span.Value;
        }
        if (DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
        throw new ConfigurationException(
            $"'{value}' is neither a duration (30m, 6h, 7d, 2w) nor a date/time (2026-11-20, 2026-11-20T08:00Z)", key: "--since");
    }
}
