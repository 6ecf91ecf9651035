using System.Globalization;

namespace NodeMonitor.Plugins.LinuxHealth.Parsing;

/// <summary>/proc/loadavg: "0.15 0.09 0.03 1/87 4118" (1, 5 and 15-minute averages first).</summary>
public sealed record LoadAverage(double OneMinute, double FiveMinutes, double FifteenMinutes)
{
    public const string Path = "/proc/loadavg";

    public static LoadAverage Read() => Parse(File.ReadAllText(Path));

    public static LoadAverage Parse(string text)
    {
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3)
            throw new FormatException($"{Path} has fewer than three fields: '{text.Trim()}'");
        return new LoadAverage(Number(fields[0], text), Number(fields[1], text), Number(fields[2], text));
    }

    private static double Number(string field, string text) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{Path}: '{field}' is not a number in '{text.Trim()}'");
}
