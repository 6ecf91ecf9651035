using System.Reflection;
using System.Runtime.InteropServices;

namespace NodeMonitor.Extension;

/// <summary>
/// Lets SQLitePCLRaw find the native e_sqlite3 inside the extension's tools/ folder. The extension is loaded into
/// the test host, whose deps.json knows nothing of our native files, so the runtime's usual probing
/// (app paths, then the directory of the importing assembly) misses runtimes/&lt;rid&gt;/native/. A DllImport
/// resolver on the provider assembly looks there first and falls back to the default search.
/// </summary>
internal static class SqliteNativeLibrary
{
    private static int _registered;

    public static void EnsureResolvable()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        var provider = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "SQLitePCLRaw.provider.e_sqlite3")
                       ?? TryLoad("SQLitePCLRaw.provider.e_sqlite3");
        if (provider is null) return;
        try
        {
            NativeLibrary.SetDllImportResolver(provider, Resolve);
        }
        catch (InvalidOperationException)
        {
            // Someone (the plugin itself) already resolves it; theirs wins.
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != "e_sqlite3") return IntPtr.Zero;
        string tools = Path.GetDirectoryName(typeof(SqliteNativeLibrary).Assembly.Location) ?? "";
        foreach (string candidate in Candidates(tools))
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out IntPtr handle)) return handle;
        }
        return IntPtr.Zero;
    }

    private static IEnumerable<string> Candidates(string tools)
    {
        string file = OperatingSystem.IsWindows() ? "e_sqlite3.dll" : OperatingSystem.IsMacOS() ? "libe_sqlite3.dylib" : "libe_sqlite3.so";
        yield return Path.Combine(tools, file);
        yield return Path.Combine(tools, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", file);
        string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : IsMusl() ? "linux-musl" : "linux";
        string arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        yield return Path.Combine(tools, "runtimes", $"{os}-{arch}", "native", file);
    }

    private static bool IsMusl() => OperatingSystem.IsLinux() && (File.Exists("/lib/ld-musl-x86_64.so.1") || File.Exists("/lib/ld-musl-aarch64.so.1"));

    private static Assembly? TryLoad(string name)
    {
        try
        {
            return Assembly.Load(name);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }
}
