using System.Reflection;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// Loads what a test assembly references, and what its plugin-local references reference, before NUnit
/// sees it. A missing dll then becomes a plugin that failed to load, naming the dll, instead of every
/// test failing with FileNotFoundException (or worse, a fixture silently not found).
/// The framework's own references are not walked: NUnit is known to be complete and walking it costs start-up time.
/// </summary>
internal static class DependencyCheck
{
    public static void ThrowIfMissing(PluginLoadContext context, Assembly testAssembly, string file)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { testAssembly.GetName().Name! };
        var pending = new Queue<(Assembly Assembly, string File)>([(testAssembly, file)]);
        while (pending.TryDequeue(out var current))
        {
            foreach (var reference in current.Assembly.GetReferencedAssemblies())
            {
                if (!seen.Add(reference.Name!) || reference.Name == "nunit.framework") continue;
                bool pluginLocal = context.PathOf(reference) is not null;
                Assembly loaded;
                try
                {
                    loaded = context.LoadFromAssemblyName(reference);
                }
                catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
                {
                    string via = current.File == file ? "" : $" (through {current.File})";
                    string why = e is FileNotFoundException
                        ? "which is neither in the plugin folder nor part of the .NET runtime"
                        : $"which could not be loaded: {FirstLine(e.Message)}";
                    throw new AssemblyLoadException($"{file} needs {reference.Name} {reference.Version}{via}, {why}");
                }
                if (pluginLocal) pending.Enqueue((loaded, Path.GetFileName(loaded.Location)));
            }
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
