using System.Globalization;

namespace NodeMonitor.Plugins.LinuxHealth.Parsing;

/// <summary>
/// The two lines of /proc/meminfo that matter for "is the node short of memory".
/// MemAvailable is the kernel's own estimate of what can be allocated without swapping
/// (free memory plus reclaimable cache); MemFree alone would count cache as used.
/// </summary>
public sealed record MemoryInfo(ulong TotalKiB, ulong AvailableKiB)
{
    public const string Path = "/proc/meminfo";

    public double AvailablePercent => TotalKiB == 0 ? 0 : (double)AvailableKiB * 100 / TotalKiB;

    public static MemoryInfo Read() => Parse(File.ReadAllText(Path));

    public static MemoryInfo Parse(string text)
    {
        var values = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "MemAvailable:   24410712 kB"
            var colon = line.IndexOf(':');
            if (colon <= 0)
                continue;
            var number = line[(colon + 1)..].Trim().Split(' ')[0];
            if (ulong.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                values[line[..colon]] = value;
        }

        return new MemoryInfo(Required(values, "MemTotal"), Required(values, "MemAvailable"));
    }

    private static ulong Required(Dictionary<string, ulong> values, string key) =>
        values.TryGetValue(key, out var value)
            ? value
            : throw new FormatException($"{Path} has no {key} line (MemAvailable needs Linux 3.14 or later)");
}
