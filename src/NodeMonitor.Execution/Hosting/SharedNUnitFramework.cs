using System.Reflection;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// One loaded nunit.framework per build of it (module version id, MVID) in the worker: plugins that ship the identical
/// assembly share it, so it is loaded and JIT-compiled once per worker instead of once per plugin (the larger part of a
/// plugin's cost), from its precompiled image when there is one (<see cref="PrecompiledNUnit"/>). It lives in a context of
/// its own, resolving its dependencies from its folder as a plugin's context would.
/// Not shared by a plugin with run parameters: NUnit keeps TestContext.Parameters in a static of nunit.framework.
/// </summary>
internal static class SharedNUnitFramework
{
    public const string Name = "nunit.framework";
    private static readonly Dictionary<Guid, Assembly> Loaded = [];
    private static readonly Lock Gate = new();

    /// <summary>The shared nunit.framework built as the file at <paramref name="path"/>, loaded on first use; null when the
    /// file cannot be read as an assembly (the plugin's own context then loads it and reports the failure).</summary>
    public static Assembly? For(string path)
    {
        if (ModuleVersion.Of(path) is not { } mvid) return null;
        lock (Gate)
        {
            if (Loaded.TryGetValue(mvid, out var assembly)) return assembly;
            assembly = new PluginLoadContext(path, $"shared:{Name}:{mvid:N}").LoadFromAssemblyPath(PrecompiledNUnit.FileToLoad(path, mvid));
            Loaded[mvid] = assembly;
            return assembly;
        }
    }
}
