using System.Reflection;
using System.Runtime.Loader;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// One test assembly and its own dependencies (its NUnit version included), resolved from the plugin folder
/// through the assembly's deps.json. Framework assemblies are left to the default context (Load returns null).
/// nunit.framework comes from <see cref="SharedNUnitFramework"/> when <paramref name="shareNUnit"/> is set; NUnit's
/// assemblies from their <see cref="PrecompiledNUnit"/> image when the plugin ships the same build.
/// Not collectible: unloading is far slower and the worker exits after its plugins anyway.
/// </summary>
internal sealed class PluginLoadContext(string mainAssemblyPath, string name, bool shareNUnit = false) : AssemblyLoadContext(name)
{
    private readonly AssemblyDependencyResolver _resolver = new(mainAssemblyPath);

    public PluginLoadContext(string mainAssemblyPath, bool shareNUnit)
        : this(mainAssemblyPath, $"plugin:{Path.GetFileNameWithoutExtension(mainAssemblyPath)}", shareNUnit)
    {
    }

    /// <summary>Where the plugin's deps.json says the native library <paramref name="fileName"/> lives for this platform; null if nowhere.</summary>
    public string? NativePathOf(string fileName) => _resolver.ResolveUnmanagedDllToPath(fileName);

    /// <summary>Where the plugin's deps.json says <paramref name="name"/> lives; null for framework assemblies.</summary>
    public string? PathOf(AssemblyName name) => _resolver.ResolveAssemblyToPath(name);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        string? path = _resolver.ResolveAssemblyToPath(assemblyName);
        if (path is null) return null;
        if (shareNUnit && assemblyName.Name == SharedNUnitFramework.Name && SharedNUnitFramework.For(path) is { } shared) return shared;
        return LoadFromAssemblyPath(PrecompiledNUnit.FileToLoad(path));
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        string? path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
