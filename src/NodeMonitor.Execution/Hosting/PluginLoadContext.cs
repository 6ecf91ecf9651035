using System.Reflection;
using System.Runtime.Loader;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// One test assembly and its own dependencies (its NUnit version included), resolved from the plugin folder
/// through the assembly's deps.json. Framework assemblies are left to the default context (Load returns null).
/// Not collectible: unloading is far slower and the worker exits after the run anyway.
/// </summary>
internal sealed class PluginLoadContext(string mainAssemblyPath)
    : AssemblyLoadContext($"plugin:{Path.GetFileNameWithoutExtension(mainAssemblyPath)}")
{
    private readonly AssemblyDependencyResolver _resolver = new(mainAssemblyPath);

    /// <summary>Where the plugin's deps.json says <paramref name="name"/> lives; null for framework assemblies.</summary>
    public string? PathOf(AssemblyName name) => _resolver.ResolveAssemblyToPath(name);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        string? path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        string? path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
