using System.Globalization;
using System.Text;

namespace NodeMonitor.Core.Security;

/// <summary>
/// Makes text that plugins control (plugin and test names, messages, output, metric labels, records of other nodes)
/// safe to print: a control character (C0, DEL, C1: ESC starts every terminal escape sequence) or a bidirectional
/// control (U+061C, U+200E/F, U+202A-202E, U+2066-2069) or a line/paragraph separator is printed as a visible escape,
/// <c>\n</c>, <c>\r</c>, <c>\t</c> or <c>\u001B</c>, so it can neither move the cursor, recolour or retitle the terminal,
/// nor reorder what the reader sees. <c>\uXXXX</c> is also JSON's escape, so JSON output stays valid and means the same.
/// </summary>
public static class TerminalText
{
    /// <summary>For one line (a name, a one-line message): line breaks and tabs are escaped too.</summary>
    public static string Line(string? text) => Escape(text, keepLayout: false);

    /// <summary>For text printed as several lines: keeps <c>\n</c>, <c>\r</c> and <c>\t</c>, escapes every other control.</summary>
    public static string Block(string? text) => Escape(text, keepLayout: true);

    public static bool IsUnsafe(char c) =>
        c < ' ' || c is (>= '\u007f' and <= '\u009f') or '\u061c' or '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e')
            or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029';

    private static string Escape(string? text, bool keepLayout)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        if (!text.Any(IsUnsafe)) return text;
        var escaped = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            if (!IsUnsafe(c) || (keepLayout && c is '\n' or '\r' or '\t')) escaped.Append(c);
            else escaped.Append(EscapeOf(c));
        }
        return escaped.ToString();
    }

    private static string EscapeOf(char c) => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
    };
}
