using System.Text.Json;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// The worker's own entries on the host's lists (<c>AppContext</c>'s deps files, trusted assemblies and native search
/// folders), which a plugin does not see there, since under `dotnet test` they are the test's: the worker's deps.json, the
/// assemblies of its projects and packages, and its folder. A self-contained worker's runtime (its runtime pack, in the
/// same folder) stays, as a framework-dependent worker's shared framework does.
/// </summary>
internal sealed class WorkerFiles
{
    private readonly HashSet<string> _assemblies;
    private readonly string? _depsFile;
    private readonly string _folder;
    private readonly bool _selfContained;

    private WorkerFiles(HashSet<string> assemblies, string? depsFile, string folder, bool selfContained)
    {
        _assemblies = assemblies;
        _depsFile = depsFile;
        _folder = folder;
        _selfContained = selfContained;
    }

    /// <summary>Read from the worker's deps.json <paramref name="depsFile"/> (null or unreadable: only the file and folder count).</summary>
    public static WorkerFiles Read(string? depsFile, string folder)
    {
        var assemblies = new HashSet<string>(StringComparer.Ordinal);
        bool selfContained = false;
        try
        {
            if (depsFile is not null && File.Exists(depsFile))
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(depsFile));
                var root = document.RootElement;
                var runtimePacks = root.TryGetProperty("libraries", out var libraries) && libraries.ValueKind == JsonValueKind.Object
                    ? libraries.EnumerateObject().Where(l => l.Value.ValueKind == JsonValueKind.Object && l.Value.TryGetProperty("type", out var type)
                        && type.ValueKind == JsonValueKind.String && type.GetString() == "runtimepack").Select(l => l.Name).ToHashSet(StringComparer.Ordinal)
                    : [];
                selfContained = runtimePacks.Count > 0;
                if (root.TryGetProperty("targets", out var targets) && targets.ValueKind == JsonValueKind.Object)
                {
                    foreach (var library in targets.EnumerateObject().Where(t => t.Value.ValueKind == JsonValueKind.Object)
                        .SelectMany(t => t.Value.EnumerateObject()).Where(l => !runtimePacks.Contains(l.Name)))
                    {
                        foreach (var (asset, _) in PluginDependencies.Assets(library.Value, "runtime", "runtime")) assemblies.Add(Path.GetFileName(asset));
                    }
                }
            }
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            // Unreadable: only the deps file and the folder are known as the worker's.
        }
        return new WorkerFiles(assemblies, depsFile, Path.TrimEndingDirectorySeparator(folder), selfContained);
    }

    /// <summary>True for an entry of a host list that is the worker's own.</summary>
    public bool Owns(string entry)
    {
        if (string.Equals(entry, _depsFile, StringComparison.Ordinal)) return true;
        if (string.Equals(Path.TrimEndingDirectorySeparator(entry), _folder, StringComparison.Ordinal)) return !_selfContained;
        return string.Equals(Path.GetDirectoryName(entry), _folder, StringComparison.Ordinal) && _assemblies.Contains(Path.GetFileName(entry));
    }
}
