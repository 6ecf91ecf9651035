using System.Globalization;

namespace NodeMonitor.Plugins.LinuxHealth.Parsing;

/// <summary>
/// The kernel's CPU list format ("0-3,6,8-9") as in /sys/devices/system/cpu/online.
/// The load average counts runnable tasks on the whole machine, so it is compared with the
/// CPUs online, not Environment.ProcessorCount (which a container's CPU quota or affinity lowers).
/// </summary>
public static class CpuList
{
    public const string OnlinePath = "/sys/devices/system/cpu/online";

    public static int CountOnline() =>
        File.Exists(OnlinePath) ? Count(File.ReadAllText(OnlinePath)) : Environment.ProcessorCount;

    public static int Count(string list)
    {
        var count = 0;
        foreach (var range in list.Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = range.Split('-');
            var first = Parse(bounds[0], list);
            var last = bounds.Length > 1 ? Parse(bounds[1], list) : first;
            if (bounds.Length > 2 || last < first)
                throw new FormatException($"'{range}' is not a CPU range in '{list.Trim()}'");
            count += last - first + 1;
        }
        return count;
    }

    private static int Parse(string number, string list) =>
        int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{number}' is not a CPU number in '{list.Trim()}'");
}
