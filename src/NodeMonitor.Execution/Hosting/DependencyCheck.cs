using System.Reflection;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// Loads what a test assembly references, and what its plugin-local references reference, before NUnit
/// sees it. A dll the plugin's deps.json lists but its folder lacks then becomes a plugin that failed to load, naming
/// the dll, instead of every test failing with FileNotFoundException (or worse, a fixture silently not found).
/// A reference the deps.json does not list and the runtime does not have (a Windows-only assembly a package refers to,
/// never shipped for this platform) is no error, as under `dotnet test`: only code that uses it fails, when it runs.
/// The framework's own references are not walked: NUnit is known to be complete and walking it costs start-up time.
/// </summary>
internal static class DependencyCheck
{
    public static void ThrowIfMissing(PluginLoadContext context, Assembly testAssembly, string file, IReadOnlySet<string> listedInDeps)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { testAssembly.GetName().Name! };
        var pending = new Queue<(Assembly Assembly, string File)>([(testAssembly, file)]);
        while (pending.TryDequeue(out var current))
        {
            foreach (var reference in current.Assembly.GetReferencedAssemblies())
            {
                if (!seen.Add(reference.Name!) || reference.Name == "nunit.framework") continue;
                bool pluginLocal = context.PathOf(reference) is not null || listedInDeps.Contains(reference.Name!);
                Assembly loaded;
                try
                {
                    loaded = context.LoadFromAssemblyName(reference);
                }
                catch (FileNotFoundException) when (!pluginLocal)
                {
                    continue;
                }
                catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
                {
                    string via = current.File == file ? "" : $" (through {current.File})";
                    string why = e is FileNotFoundException
                        ? "which its deps.json lists but the plugin folder lacks"
                        : $"which could not be loaded: {FirstLine(e.Message)}";
                    throw new AssemblyLoadException($"{file} needs {reference.Name} {reference.Version}{via}, {why}");
                }
                if (pluginLocal) pending.Enqueue((loaded, Path.GetFileName(loaded.Location)));
            }
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
