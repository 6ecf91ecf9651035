using System.Globalization;
using System.Text;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Reporting;

/// <summary>Formatting shared by the result writers, so all formats say the same thing the same way.</summary>
internal static class ResultText
{
    public static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000000", CultureInfo.InvariantCulture);

    /// <summary>Round-trip UTC time with 7 fraction digits, as NUnit writes suite and test times.</summary>
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture); // "O" of a UTC time: yyyy-MM-ddTHH:mm:ss.fffffffZ, on .NET's fast path

    /// <summary>One line explaining a plugin error, e.g. "plugin 'disk' timed out: ... (running: Ns.Fixture.Test)".</summary>
    public static string PluginError(PluginResult plugin)
    {
        string what = plugin.Status switch
        {
            PluginStatus.Crashed => "crashed",
            PluginStatus.TimedOut => "timed out",
            PluginStatus.LoadFailed => "could not be loaded",
            _ => "errored",
        };
        var text = new StringBuilder($"plugin '{plugin.Name}' {what}");
        if (!string.IsNullOrWhiteSpace(plugin.Error)) text.Append(": ").Append(plugin.Error);
        if (plugin.RunningTest is not null) text.Append(" (running: ").Append(plugin.RunningTest).Append(')');
        return text.ToString();
    }

    /// <summary>
    /// Replaces characters XML 1.0 cannot hold (ANSI escapes in test output are common) with \uXXXX,
    /// as NUnit does, instead of failing to write the whole file.
    /// </summary>
    public static string ForXml(string text)
    {
        if (IsXmlSafe(text)) return text;
        var clean = new StringBuilder(text.Length + 16);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (IsXmlChar(c))
            {
                clean.Append(c);
            }
            else
            {
                clean.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }
        return clean.ToString();
    }

    private static bool IsXmlSafe(string text)
    {
        foreach (char c in text)
        {
            if (!IsXmlChar(c) || char.IsSurrogate(c)) return false;
        }
        return true;
    }

    private static bool IsXmlChar(char c) =>
        c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
}
