using System.Text;

namespace NodeMonitor.Execution.NUnit;

/// <summary>
/// Text as it reads after a trip through NUnit's XML: NUnit escapes characters XML cannot carry (as <c>\uXXXX</c>), and
/// an XML reader turns every line break inside element text into <c>\n</c>; attribute values keep theirs. Used where
/// NUnit's result objects are read without the XML, so both ways give the same strings.
/// </summary>
internal static class NUnitXmlText
{
    /// <summary>An attribute value: NUnit's escaping of characters XML cannot carry.</summary>
    public static string Attribute(string text) => NeedsEscaping(text) ? Escape(text) : text;

    /// <summary>Element text (messages, stack traces, output): escaped like <see cref="Attribute"/>, line breaks as <c>\n</c>.</summary>
    public static string Element(string text)
    {
        string escaped = Attribute(text);
        return escaped.Contains('\r') ? escaped.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : escaped;
    }

    // NUnit's own quick check: a text without these is written as it is (#x7F included).
    private static bool NeedsEscaping(string text)
    {
        foreach (char c in text)
        {
            if (c < 0x20 || c > 0x7F) return true;
        }
        return false;
    }

    // As NUnit's XmlExtensions.EscapeInvalidXmlCharacters: XML's characters (#x9 | #xA | #xD | [#x20-#xD7FF] |
    // [#xE000-#xFFFD] | surrogate pairs) pass, except that NUnit also escapes #x7F-#x84 and #x86-#x9F.
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (IsKept(c)) escaped.Append(c);
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) escaped.Append(c).Append(text[++i]);
            else escaped.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
        }
        return escaped.ToString();
    }

    private static bool IsKept(char c) =>
        c is '\t' or '\n' or '\r'
        || (c >= 0x20 && c < 0x7F)
        || c == 0x85
        || (c >= 0xA0 && c < 0xD800)
        || (c >= 0xE000 && c <= 0xFFFD);
}
