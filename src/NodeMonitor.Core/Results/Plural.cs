using System.Globalization;

namespace NodeMonitor.Core.Results;

/// <summary>A count with its noun in the right number, for everything NodeMonitor prints: "1 plugin", "2 plugins", "0 tests".</summary>
public static class Plural
{
    /// <summary>"<paramref name="count"/> <paramref name="singular"/>", or the plural (default: singular + "s") unless the count is 1.</summary>
    public static string Of(long count, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural ?? singular + "s")}");
}
