using System.Collections;
using System.Runtime.InteropServices;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// Gives a plugin of a shared worker exactly the environment a worker of its own would have started with: every variable
/// not in it is removed (whatever an earlier plugin set), every one in it set. Changed both in .NET's view
/// (Environment, and so the processes a test starts) and in the C library's (getenv from native code).
/// Variables the runtime reads once at start (DOTNET_*, TZ, LANG, ...) never differ within a batch: the supervisor groups
/// only plugins that agree on them.
/// </summary>
internal static partial class PluginEnvironment
{
    public static void Apply(IReadOnlyDictionary<string, string> wanted)
    {
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && !wanted.ContainsKey(name)) Set(name, null);
        }
        foreach (var (name, value) in wanted)
        {
            if (Environment.GetEnvironmentVariable(name) != value) Set(name, value);
        }
    }

    private static void Set(string name, string? value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        if (value is null) _ = UnsetNative(name);
        else _ = SetNative(name, value, 1);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetNative(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "unsetenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnsetNative(string name);
}
