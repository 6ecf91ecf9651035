using NodeMonitor.Core.Discovery;

namespace NodeMonitor.Execution.Planning;

/// <summary>
/// Which plugins of a plan share a worker process. A shared worker runs its plugins one after the other, each in its own
/// load contexts with its own environment and deadline, and loads an nunit.framework they ship identically once: most of a
/// plugin's cost is the runtime's start and NUnit's JIT, paid once per worker instead of once per plugin.
/// Plugins share a worker only when nothing a process gives them differs: the same limits (<c>memoryLimitMB</c>,
/// <c>cpuSeconds</c>), the same merged runtime configuration and the same values of the variables the runtime reads once
/// at start (<see cref="IsReadAtStart"/>). Plugins in one process can reach each other's memory and results, so only
/// plugins that run as the supervisor's own account share (they could already reach everything of the node); a plugin
/// with a <c>user</c>, one that asks for <c>"isolation": "process"</c>, one with Nagios commands and one whose runtime
/// configuration cannot be read always runs alone.
/// A group is spread over up to <c>parallelism</c> workers, round robin in plan order.
/// </summary>
public static class WorkerSharing
{
    private static readonly string[] StartPrefixes = ["DOTNET_", "COMPlus_", "CORECLR_", "LD_", "MALLOC_", "LC_"];
    private static readonly string[] StartNames = ["TZ", "LANG", "LANGUAGE", "GLIBC_TUNABLES"];

    /// <summary>The plan's plugins as units of work, each the indexes (in plan order) of the plugins one worker runs.</summary>
    /// <param name="runtimeConfigOf">The merged runtime configuration of a plugin's worker as text (null: the worker's own);
    /// may throw <see cref="InvalidDataException"/>, and the plugin then runs alone (where the error is reported).</param>
    public static IReadOnlyList<IReadOnlyList<int>> Units(IReadOnlyList<PlannedPlugin> plugins, int parallelism,
        Func<PlannedPlugin, string?> runtimeConfigOf)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var groups = new List<(string? Key, List<int> Members)>();
        for (int i = 0; i < plugins.Count; i++)
        {
            string? key = SharingKey(plugins[i], runtimeConfigOf);
            int known = key is null ? -1 : groups.FindIndex(g => g.Key == key);
            if (known >= 0) groups[known].Members.Add(i);
            else groups.Add((key, [i]));
        }
        var units = new List<IReadOnlyList<int>>();
        foreach (var (_, members) in groups)
        {
            int workers = Math.Min(parallelism, members.Count);
            for (int w = 0; w < workers; w++) units.Add(members.Where((_, n) => n % workers == w).ToList());
        }
        return units.OrderBy(u => u[0]).ToList();
    }

    /// <summary>The variables plugins of one worker must agree on: what the runtime or the C library read at process start.</summary>
    public static bool IsReadAtStart(string name) =>
        StartNames.Contains(name, StringComparer.Ordinal) || StartPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    /// <summary>The plugin's variables a shared worker starts with (those read at start); the others are set per plugin.</summary>
    public static IReadOnlyDictionary<string, string> StartEnvironment(PluginDescriptor plugin) =>
        plugin.Manifest.Environment.Where(v => IsReadAtStart(v.Key)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    /// <summary>What must be equal for two plugins to share a worker; null when the plugin runs alone.</summary>
    private static string? SharingKey(PlannedPlugin planned, Func<PlannedPlugin, string?> runtimeConfigOf)
    {
        var plugin = planned.Plugin;
        if (plugin.Manifest.OwnProcess || plugin.Manifest.Limits.User is not null || plugin.Assemblies.Count == 0
            || plugin.NagiosCommands.Count > 0) return null;
        string? runtime;
        try
        {
            runtime = runtimeConfigOf(planned);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var limits = plugin.Manifest.Limits;
        var start = StartEnvironment(plugin).OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}");
        return string.Join('\0', [limits.MemoryMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            limits.CpuSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), runtime ?? "", .. start]);
    }
}
