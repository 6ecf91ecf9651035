using System.Runtime.InteropServices;
using System.Text.Json;

namespace NodeMonitor.Execution.Supervision;

/// <summary>
/// The .NET installation that runs nodemonitor-worker. A process run by .NET from a shared installation (a test host, a
/// framework-dependent CLI) uses its own: <c>&lt;root&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;/</c>. A native CLI
/// (NativeAOT) or a self-contained one looks for it as the apphost does (<see cref="DotnetRootSearch"/>).
/// </summary>
internal static class DotnetInstallation
{
    private const string WorkerRuntimeConfig = "nodemonitor-worker.runtimeconfig.json";
    private static readonly Lazy<DotnetRootFound> Found = new(Locate);

    /// <summary>The shared installation's root; null in a self-contained layout or when none can run the worker
    /// (<see cref="Problem"/> says why).</summary>
    public static string? Root => Found.Value.Root;

    /// <summary>Why no installation can run the worker; null when one can.</summary>
    public static string? Problem => Found.Value.Problem;

    /// <summary>The dotnet host of that installation; null when it has none (a self-contained layout).</summary>
    public static string? Muxer =>
        Root is { } root && File.Exists(Path.Combine(root, MuxerName)) ? Path.Combine(root, MuxerName) : null;

    private static string MuxerName => OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";

    private static DotnetRootFound Locate()
    {
        if (RunningSharedInstallation() is { } running) return new DotnetRootFound(running, SelfContained: false, null);
        return new DotnetRootSearch(Environment.GetEnvironmentVariable, Path.GetPathRoot(AppContext.BaseDirectory) ?? "/",
            AppContext.BaseDirectory, NeededRuntime(Path.Combine(AppContext.BaseDirectory, WorkerRuntimeConfig)),
            RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()).Find();
    }

    /// <summary>The root of the shared installation whose runtime runs this process; null for a native or a self-contained
    /// process (no runtime folder, or one that is not <c>shared/Microsoft.NETCore.App/&lt;version&gt;</c>).</summary>
    private static string? RunningSharedInstallation()
    {
        string runtime = RuntimeEnvironment.GetRuntimeDirectory();
        if (string.IsNullOrEmpty(runtime)) return null;
        var version = new DirectoryInfo(Path.TrimEndingDirectorySeparator(runtime));
        return version.Parent is { Name: "Microsoft.NETCore.App", Parent: { Name: "shared", Parent: { } root } } ? root.FullName : null;
    }

    /// <summary>The Microsoft.NETCore.App version the worker's runtimeconfig.json asks for; without one, the version this
    /// process was built against.</summary>
    internal static Version NeededRuntime(string runtimeConfig)
    {
        var fallback = new Version(Environment.Version.Major, Environment.Version.Minor, 0);
        if (!File.Exists(runtimeConfig)) return fallback;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(runtimeConfig),
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var options = json.RootElement.GetProperty("runtimeOptions");
            IEnumerable<JsonElement> frameworks = options.TryGetProperty("frameworks", out var list) ? list.EnumerateArray()
                : options.TryGetProperty("framework", out var one) ? [one] : [];
            string? version = frameworks.Where(f => f.TryGetProperty("name", out var n) && n.GetString() == "Microsoft.NETCore.App")
                .Select(f => f.TryGetProperty("version", out var v) ? v.GetString() : null).FirstOrDefault();
            return Version.TryParse(version, out var needed) ? needed : fallback;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or IOException)
        {
            return fallback;
        }
    }
}
