using System.Reflection;
using System.Text.Json;

namespace NodeMonitor.Execution.Hosting;

/// <summary>What a plugin's deps.json lists, where its load context finds it for this platform: the runtime assemblies
/// and the folders of the native libraries, the same the test host puts on its trusted assemblies and native search
/// folders when it starts with that deps.json. Each path once; empty when the deps.json is missing or unreadable (the
/// plugin still loads, the lists then lack its files).</summary>
internal sealed class PluginDependencies
{
    public IReadOnlyList<string> RuntimeAssemblies { get; }

    /// <summary>Folders, each ending in a directory separator as the host writes them.</summary>
    public IReadOnlyList<string> NativeFolders { get; }

    /// <summary>The names of the runtime assemblies the deps.json lists, whether the plugin's folder has them or not.</summary>
    public IReadOnlySet<string> ListedAssemblies { get; }

    private PluginDependencies(IReadOnlyList<string> runtimeAssemblies, IReadOnlyList<string> nativeFolders, IReadOnlySet<string> listed)
    {
        RuntimeAssemblies = runtimeAssemblies;
        NativeFolders = nativeFolders;
        ListedAssemblies = listed;
    }

    public static PluginDependencies Read(string depsJson, PluginLoadContext context)
    {
        var (assemblies, natives) = (new List<string>(), new List<string>());
        var assemblyNames = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            if (!File.Exists(depsJson)) return new(assemblies, natives, assemblyNames);
            (assemblyNames, var nativeNames) = AssetNames(depsJson);
            foreach (string name in assemblyNames)
            {
                if (context.PathOf(new AssemblyName(name)) is { } path && File.Exists(path) && !assemblies.Contains(path)) assemblies.Add(path);
            }
            foreach (string name in nativeNames)
            {
                if (context.NativePathOf(name) is { } path && Path.GetDirectoryName(path) is { } folder
                    && folder + Path.DirectorySeparatorChar is var entry && !natives.Contains(entry)) natives.Add(entry);
            }
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or FileLoadException or ArgumentException)
        {
            // Unreadable: the lists go without the plugin's files.
        }
        return new(assemblies, natives, assemblyNames);
    }

    // The file names of the runtime assemblies (without .dll) and native libraries of every library of every target.
    private static (SortedSet<string> Assemblies, SortedSet<string> Natives) AssetNames(string depsJson)
    {
        var (assemblies, natives) = (new SortedSet<string>(StringComparer.OrdinalIgnoreCase), new SortedSet<string>(StringComparer.Ordinal));
        using var document = JsonDocument.Parse(File.ReadAllBytes(depsJson));
        if (!document.RootElement.TryGetProperty("targets", out var targets) || targets.ValueKind != JsonValueKind.Object) return (assemblies, natives);
        foreach (var library in targets.EnumerateObject().Where(t => t.Value.ValueKind == JsonValueKind.Object).SelectMany(t => t.Value.EnumerateObject()))
        {
            foreach (var (asset, kind) in Assets(library.Value, "runtime", "runtime").Concat(Assets(library.Value, "native", "native"))
                .Concat(Assets(library.Value, "runtimeTargets", null)))
            {
                string file = Path.GetFileName(asset);
                if (kind == "runtime" && file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) assemblies.Add(Path.GetFileNameWithoutExtension(file));
                else if (kind == "native") natives.Add(file);
            }
        }
        return (assemblies, natives);
    }

    // The assets of one kind of a library; runtimeTargets name their kind in assetType.
    internal static IEnumerable<(string Asset, string? Kind)> Assets(JsonElement library, string section, string? kind) =>
        library.ValueKind == JsonValueKind.Object && library.TryGetProperty(section, out var assets) && assets.ValueKind == JsonValueKind.Object
            ? assets.EnumerateObject().Select(a => (a.Name, kind ?? (a.Value.ValueKind == JsonValueKind.Object
                && a.Value.TryGetProperty("assetType", out var type) ? type.GetString() : null)))
            : [];
}
