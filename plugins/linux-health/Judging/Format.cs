using System.Globalization;

namespace NodeMonitor.Plugins.LinuxHealth.Judging;

/// <summary>Number formats shared by the messages, culture-independent so every node words them alike.</summary>
public static class Format
{
    /// <summary>A threshold: "90%", "2.5%".</summary>
    public static string Percent(double value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>A measured percentage, always with one decimal so 90.04% does not read as "90%".</summary>
    public static string MeasuredPercent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Number(double value, string pattern = "0.##") => value.ToString(pattern, CultureInfo.InvariantCulture);

    public static string Bytes(double bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
        var unit = 0;
        while (bytes >= 1024 && unit < units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }
        return bytes.ToString(unit == 0 ? "0" : "0.#", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
