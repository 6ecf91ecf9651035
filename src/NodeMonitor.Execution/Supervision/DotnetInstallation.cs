using System.Runtime.InteropServices;

namespace NodeMonitor.Execution.Supervision;

/// <summary>The .NET installation running this process, found from the runtime's own folder
/// (<c>&lt;root&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;/</c>), whether we were started by dotnet or by an apphost.</summary>
internal static class DotnetInstallation
{
    public static string Root { get; } =
        Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    /// <summary>The dotnet host of that installation; null when it has none (a self-contained layout).</summary>
    public static string? Muxer { get; } = File.Exists(Path.Combine(Root, MuxerName)) ? Path.Combine(Root, MuxerName) : null;

    private static string MuxerName => OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
}
