using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// One loaded nunit.framework per build of it (module version id, MVID) in the worker: plugins that ship the identical
/// assembly share it, so it is loaded and JIT-compiled once per worker instead of once per plugin (the larger part of a
/// plugin's cost). It lives in a context of its own, resolving its dependencies from its folder as a plugin's context would.
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
        if (ModuleVersionId(path) is not { } mvid) return null;
        lock (Gate)
        {
            if (Loaded.TryGetValue(mvid, out var assembly)) return assembly;
            assembly = new PluginLoadContext(path, $"shared:{Name}:{mvid:N}").LoadFromAssemblyPath(path);
            Loaded[mvid] = assembly;
            return assembly;
        }
    }

    private static Guid? ModuleVersionId(string path)
    {
        try
        {
            using var pe = new PEReader(File.OpenRead(path));
            if (!pe.HasMetadata) return null;
            var metadata = pe.GetMetadataReader();
            return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
