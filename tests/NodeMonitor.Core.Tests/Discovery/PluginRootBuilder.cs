namespace NodeMonitor.Core.Tests.Discovery;

/// <summary>
/// Builds a plugin root on disk with real assemblies: this test project's own dll references
/// nunit.framework, so it is a genuine test assembly as far as discovery is concerned.
/// </summary>
internal sealed class PluginRootBuilder : IDisposable
{
    private static readonly string OwnAssembly = typeof(PluginRootBuilder).Assembly.Location;
    private static readonly string NUnitAssembly = typeof(NUnit.Framework.Assert).Assembly.Location;
    private static readonly string CoreAssembly = typeof(Core.Results.RunResult).Assembly.Location;

    public PluginRootBuilder()
    {
        Root = Directory.CreateTempSubdirectory("nodemonitor-root-").FullName;
    }

    public string Root { get; }

    public string Folder(string plugin)
    {
        string folder = Path.Combine(Root, plugin);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A plugin folder as <c>dotnet publish</c> leaves it: the test dll, its .deps.json and nunit.framework.dll.</summary>
    public string TestPlugin(string plugin, string assemblyName = "Checks", bool withDepsJson = true)
    {
        string folder = Folder(plugin);
        File.Copy(OwnAssembly, Path.Combine(folder, assemblyName + ".dll"));
        if (withDepsJson) File.WriteAllText(Path.Combine(folder, assemblyName + ".deps.json"), "{}");
        File.Copy(NUnitAssembly, Path.Combine(folder, "nunit.framework.dll"), overwrite: true);
        File.WriteAllText(Path.Combine(folder, "nunit.framework.deps.json"), "{}");
        return folder;
    }

    /// <summary>A dll with a .deps.json that does not reference NUnit (NodeMonitor.Core itself).</summary>
    public void NonTestAssembly(string plugin, string assemblyName)
    {
        string folder = Folder(plugin);
        File.Copy(CoreAssembly, Path.Combine(folder, assemblyName + ".dll"));
        File.WriteAllText(Path.Combine(folder, assemblyName + ".deps.json"), "{}");
    }

    public void Manifest(string plugin, string json) => File.WriteAllText(Path.Combine(Folder(plugin), "plugin.json"), json);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
