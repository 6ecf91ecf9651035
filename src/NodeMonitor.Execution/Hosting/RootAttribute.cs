using System.Net;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// Reads one attribute of the root element of a small, well-formed XML string (an NUnit event) without an XmlReader.
/// NUnit writes attributes with double quotes and escapes their text, so the value runs to the next quote and only
/// needs its entities decoded.
/// </summary>
internal static class RootAttribute
{
    public static string? Value(string xml, string name)
    {
        int rootEnd = xml.IndexOf('>', StringComparison.Ordinal);
        var root = rootEnd < 0 ? xml.AsSpan() : xml.AsSpan(0, rootEnd);
        string marker = $" {name}=\"";
        int at = root.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = root[(at + marker.Length)..];
        int end = rest.IndexOf('"');
        if (end < 0) return null;
        var value = rest[..end];
        return value.Contains('&') ? WebUtility.HtmlDecode(value.ToString()) : value.ToString();
    }
}
