namespace NodeMonitor.Execution.Supervision;

/// <summary>
/// Finds the .NET installation that can run nodemonitor-worker the way the .NET apphost finds one, for a CLI that is not
/// itself run by .NET (NativeAOT): a runtime beside the CLI (a self-contained layout), <c>DOTNET_ROOT_&lt;ARCH&gt;</c> then
/// <c>DOTNET_ROOT</c> (taken as they are, as the apphost takes them), <c>/etc/dotnet/install_location_&lt;arch&gt;</c> then
/// <c>/etc/dotnet/install_location</c>, the folder of <c>dotnet</c> on <c>PATH</c> (through its symlinks), then
/// <c>/usr/lib/dotnet</c>, <c>/usr/share/dotnet</c>, <c>/usr/local/share/dotnet</c>. An installation qualifies when it has
/// a host (<c>host/fxr</c>) and a <c>Microsoft.NETCore.App</c> of the worker's major version, at least the version the
/// worker was built for.
/// </summary>
/// <param name="environment">Reads an environment variable.</param>
/// <param name="systemRoot">The file system root the fixed locations are read under ("/" but in tests).</param>
/// <param name="appFolder">The CLI's own folder, where a self-contained layout keeps its runtime.</param>
/// <param name="needed">The Microsoft.NETCore.App version the worker was built for.</param>
/// <param name="architecture">The process architecture as the apphost names it (x64, arm64).</param>
internal sealed class DotnetRootSearch(Func<string, string?> environment, string systemRoot, string appFolder, Version needed,
    string architecture)
{
    private const string Framework = "Microsoft.NETCore.App";
    private static readonly string[] DefaultLocations = ["usr/lib/dotnet", "usr/share/dotnet", "usr/local/share/dotnet"];
    private readonly List<string> _rejected = [];

    /// <summary>The installation found, or why there is none.</summary>
    public DotnetRootFound Find()
    {
        if (File.Exists(Path.Combine(appFolder, HostFxrFile)) && File.Exists(Path.Combine(appFolder, CoreClrFile)))
            return new DotnetRootFound(null, SelfContained: true, null);
        foreach (string variable in (string[])[$"DOTNET_ROOT_{architecture.ToUpperInvariant()}", "DOTNET_ROOT"])
        {
            if (environment(variable) is { Length: > 0 } fromVariable)
                return Qualifies(fromVariable, $"{variable}={fromVariable}") ? Found(fromVariable) : NotFound();
        }
        foreach (string candidate in InstallLocations().Concat(DotnetOnPath()).Concat(DefaultLocations.Select(Under)))
        {
            if (Qualifies(candidate, candidate)) return Found(candidate);
        }
        return NotFound();
    }

    private static string HostFxrFile => OperatingSystem.IsWindows() ? "hostfxr.dll" : OperatingSystem.IsMacOS() ? "libhostfxr.dylib" : "libhostfxr.so";

    private static string CoreClrFile => OperatingSystem.IsWindows() ? "coreclr.dll" : OperatingSystem.IsMacOS() ? "libcoreclr.dylib" : "libcoreclr.so";

    private static DotnetRootFound Found(string root) => new(Path.GetFullPath(root), SelfContained: false, null);

    private DotnetRootFound NotFound()
    {
        string looked = _rejected.Count == 0
            ? "no .NET installation found (looked for DOTNET_ROOT, /etc/dotnet/install_location, dotnet on PATH, /usr/lib/dotnet, /usr/share/dotnet, /usr/local/share/dotnet)"
            : string.Join("; ", _rejected);
        return new DotnetRootFound(null, false,
            $"no .NET runtime can run nodemonitor-worker, which needs {Framework} {needed.Major}.{needed.Minor} or a later {needed.Major}.x: " +
            $"{looked}. Install the .NET {needed.Major} runtime or point DOTNET_ROOT at one");
    }

    private IEnumerable<string> InstallLocations()
    {
        foreach (string name in (string[])[$"install_location_{architecture.ToLowerInvariant()}", "install_location"])
        {
            string file = Under(Path.Combine("etc", "dotnet", name));
            string? line = File.Exists(file) ? File.ReadLines(file).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) : null;
            if (line is not null) yield return line;
        }
    }

    private IEnumerable<string> DotnetOnPath()
    {
        string muxer = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        foreach (string folder in (environment("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Path.IsPathRooted(folder)) continue;
            var file = new FileInfo(Path.Combine(folder, muxer));
            if (!file.Exists) continue;
            string real = file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? file.FullName;
            if (Path.GetDirectoryName(real) is { } root) yield return root;
        }
    }

    private string Under(string relative) => Path.Combine(systemRoot, relative);

    private bool Qualifies(string root, string source)
    {
        string frameworks = Path.Combine(root, "shared", Framework);
        if (!Directory.Exists(Path.Combine(root, "host", "fxr")) || !Directory.Exists(frameworks))
        {
            _rejected.Add($"{source}: no .NET runtime there");
            return false;
        }
        var versions = Directory.EnumerateDirectories(frameworks).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        if (versions.Any(v => Satisfies(v, needed))) return true;
        _rejected.Add($"{source}: {Framework} {(versions.Count == 0 ? "none" : string.Join(", ", versions))}");
        return false;
    }

    /// <summary>The apphost's default roll-forward: the same major version, at least the one asked for.</summary>
    internal static bool Satisfies(string installed, Version needed)
    {
        int release = installed.IndexOf('-', StringComparison.Ordinal);
        return Version.TryParse(release < 0 ? installed : installed[..release], out var version)
            && version.Major == needed.Major && version >= needed;
    }
}

/// <summary>The root of the shared .NET installation that runs the worker; none for a self-contained layout (the runtime
/// is in the CLI's own folder) or when none can, and then why none qualified.</summary>
internal sealed record DotnetRootFound(string? Root, bool SelfContained, string? Problem);
