using System.Globalization;

namespace NodeMonitor.Central;

/// <summary>How long a silence lasts as people write it: <c>90m</c>, <c>2h</c>, <c>1d</c>, <c>1w</c>, <c>1h30m</c>.</summary>
public static class SilenceDuration
{
    /// <exception cref="SilenceRejectedException">The text is not such a duration or is not positive.</exception>
    public static TimeSpan Parse(string? text)
    {
        var total = TimeSpan.Zero;
        string rest = (text ?? "").Trim().ToLowerInvariant();
        if (rest.Length == 0) throw Invalid(text);
        while (rest.Length > 0)
        {
            int digits = 0;
            while (digits < rest.Length && (char.IsAsciiDigit(rest[digits]) || rest[digits] == '.')) digits++;
            if (digits == 0 || digits == rest.Length
                || !double.TryParse(rest[..digits], NumberStyles.Float, CultureInfo.InvariantCulture, out double n) || n > 100_000) throw Invalid(text);
            total += rest[digits] switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                'w' => TimeSpan.FromDays(7 * n),
                _ => throw Invalid(text),
            };
            rest = rest[(digits + 1)..];
        }
        return total > TimeSpan.Zero ? total : throw Invalid(text);
    }

    private static SilenceRejectedException Invalid(string? text) =>
        new($"'{text}' is not a duration such as 90m, 2h, 1d, 1w or 1h30m");
}
