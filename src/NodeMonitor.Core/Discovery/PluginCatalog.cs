using NodeMonitor.Core.Configuration;

namespace NodeMonitor.Core.Discovery;

/// <summary>
/// Finds the plugins under a plugin root without loading any of them. Each direct subfolder is a
/// plugin (folders starting with '.' are skipped: editors, rsync and deploy tools leave those).
/// </summary>
public static class PluginCatalog
{
    internal const string NoTestAssemblyMessage =
        "no NUnit test assembly found (looked for *.dll referencing nunit.framework with a .deps.json) and no command[name]=... definitions in *.cfg files";

    /// <summary>Discovers the plugins under <paramref name="root"/>.</summary>
    /// <remarks>
    /// A folder that cannot run (an invalid plugin.json, no test assembly, an assembly named in plugin.json is missing,
    /// unreadable) becomes a <see cref="DiscoveryProblem"/> and is not among the plugins. A disabled plugin is returned
    /// as it is, without problems: it will not run, so what it lacks does not matter yet.
    /// </remarks>
    /// <exception cref="PluginRootNotFoundException"><paramref name="root"/> does not exist.</exception>
    public static DiscoveryResult Discover(string root)
    {
        string fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot)) throw new PluginRootNotFoundException(fullRoot);

        var plugins = new List<PluginDescriptor>();
        var problems = new List<DiscoveryProblem>();
        var notes = new List<DiscoveryNote>();
        var folders = Directory.GetDirectories(fullRoot);
        Array.Sort(folders, StringComparer.Ordinal);
        foreach (string directory in folders)
        {
            string name = Path.GetFileName(directory);
            if (name.StartsWith('.')) continue;
            var (plugin, problem) = Inspect(name, directory, notes);
            if (plugin is not null) plugins.Add(plugin);
            if (problem is not null) problems.Add(problem);
        }
        return new DiscoveryResult(fullRoot, plugins, problems) { Notes = notes };
    }

    private static (PluginDescriptor?, DiscoveryProblem?) Inspect(string name, string directory, List<DiscoveryNote> notes)
    {
        var commands = NagiosCommandFiles.Read(name, directory, notes);
        string manifestPath = Path.Combine(directory, PluginManifest.FileName);
        PluginManifest manifest;
        try
        {
            manifest = File.Exists(manifestPath) ? PluginManifestParser.Parse(manifestPath) : PluginManifest.Default;
        }
        catch (ConfigurationException e)
        {
            // One bad plugin.json blinds only its own plugin: it is reported failed, the others run.
            return (null, DiscoveryProblem.FromConfiguration(name, directory, e));
        }
        IReadOnlyList<string> assemblies;
        string? trouble;
        try
        {
            (assemblies, trouble) = manifest.Assemblies is { } named ? Named(directory, named) : Found(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            (assemblies, trouble) = ([], $"cannot read the plugin folder: {e.Message}");
        }

        // A folder holding only an nrpe.cfg is a plugin: its commands are its tests.
        if (trouble == NoTestAssemblyMessage && commands.Count > 0) trouble = null;
        var descriptor = new PluginDescriptor(name, directory, assemblies, manifest) { NagiosCommands = commands };
        if (!manifest.Enabled) return (descriptor, null);
        return trouble is null ? (descriptor, null) : (null, new DiscoveryProblem(name, directory, trouble));
    }

    private static (IReadOnlyList<string>, string?) Found(string directory)
    {
        var found = TestAssemblyProbe.FindIn(directory);
        return (found, found.Count == 0 ? NoTestAssemblyMessage : null);
    }

    /// <summary>The manifest's list is taken as it is: its author may name an assembly the probe would not pick.</summary>
    private static (IReadOnlyList<string>, string?) Named(string directory, IReadOnlyList<string> names)
    {
        var paths = names.Select(n => Path.GetFullPath(Path.Combine(directory, n))).ToList();
        var missing = names.Where((_, i) => !File.Exists(paths[i])).ToList();
        return missing.Count == 0
            ? (paths, null)
            : (paths, $"{string.Join(", ", missing.Select(m => $"'{m}'"))} named in {PluginManifest.FileName} not found");
    }
}
