using System.Text;

namespace NodeMonitor.Plugins.LinuxHealth.Parsing;

/// <summary>Parses /proc/mounts (fstab format: device, mount point, type, options, dump, pass).</summary>
public static class MountTable
{
    public const string Path = "/proc/mounts";

    public static IReadOnlyList<MountEntry> Read() => Parse(File.ReadAllText(Path));

    public static IReadOnlyList<MountEntry> Parse(string text)
    {
        var entries = new List<MountEntry>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4)
                continue;
            entries.Add(new MountEntry(Unescape(fields[0]), Unescape(fields[1]), fields[2], fields[3]));
        }
        return entries;
    }

    /// <summary>
    /// The kernel writes space, tab, newline and backslash in paths as three-digit octal escapes
    /// (\040, \011, \012, \134), because the fields are separated by spaces.
    /// </summary>
    public static string Unescape(string field)
    {
        if (!field.Contains('\\'))
            return field;

        var result = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                result.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                result.Append(field[i]);
            }
        }
        return result.ToString();
    }

    private static bool IsOctal(string text, int start) =>
        start + 3 <= text.Length && text.AsSpan(start, 3).IndexOfAnyExcept("01234567") < 0;
}
