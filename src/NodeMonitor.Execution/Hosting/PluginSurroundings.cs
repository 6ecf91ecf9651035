namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// Makes the worker look, from inside a plugin, as the test host of `dotnet test` does: AppContext.BaseDirectory and
/// the current directory are the test assembly's folder (without a trailing separator, exactly as the test host
/// sets it), so a suite that finds its data files from either finds them. The host's own lists name the plugin's
/// assemblies instead of the worker's, as the test host (started with the test's deps.json) has them:
/// <c>APP_CONTEXT_DEPS_FILES</c> starts with the test's deps.json (what <c>DependencyContext.Default</c> reads) and
/// <c>TRUSTED_PLATFORM_ASSEMBLIES</c> holds the plugin's assemblies and the framework's (what code that compiles
/// against "everything the application has" reads); <c>NATIVE_DLL_SEARCH_DIRECTORIES</c> lacks the worker's folder and
/// <c>PLATFORM_RESOURCE_ROOTS</c> is the plugin's folder. Only what code reads changes: the runtime read these at start.
/// A failed Debug or Trace assertion fails its test, as the test host's trace listener makes it (<see cref="AssertionTraceListener"/>).
/// Set before the plugin's code runs.
/// </summary>
internal static class PluginSurroundings
{
    private const string DepsFiles = "APP_CONTEXT_DEPS_FILES";
    private const string TrustedAssemblies = "TRUSTED_PLATFORM_ASSEMBLIES";
    private const string NativeSearchDirectories = "NATIVE_DLL_SEARCH_DIRECTORIES";
    private static readonly string? WorkerDepsFiles = AppContext.GetData(DepsFiles) as string;
    private static readonly string? WorkerTrustedAssemblies = AppContext.GetData(TrustedAssemblies) as string;
    private static readonly string? WorkerNativeSearchDirectories = AppContext.GetData(NativeSearchDirectories) as string;
    private static readonly WorkerFiles Worker = WorkerFiles.Read(WorkerDepsFiles?.Split(';')[0],
        Path.GetDirectoryName(typeof(PluginSurroundings).Assembly.Location) ?? AppContext.BaseDirectory);

    public static void Enter(string assemblyPath, PluginDependencies dependencies)
    {
        string directory = Path.GetDirectoryName(assemblyPath)!;
        AppContext.SetData("APP_CONTEXT_BASE_DIRECTORY", directory);
        Directory.SetCurrentDirectory(directory);
        AssertionTraceListener.Install();
        string deps = DepsFile(assemblyPath);
        AppContext.SetData(DepsFiles, Join(';', [File.Exists(deps) ? deps : null, .. FrameworkEntries(WorkerDepsFiles, ';')]));
        AppContext.SetData(TrustedAssemblies, Join(Path.PathSeparator,
            [.. dependencies.RuntimeAssemblies, .. FrameworkEntries(WorkerTrustedAssemblies, Path.PathSeparator)]));
        // Folder lists as the host writes them: each folder with its separator, the list ending in a path separator.
        AppContext.SetData(NativeSearchDirectories, Join(Path.PathSeparator,
            [.. dependencies.NativeFolders, .. FrameworkEntries(WorkerNativeSearchDirectories, Path.PathSeparator)]) + Path.PathSeparator);
        AppContext.SetData("PLATFORM_RESOURCE_ROOTS", directory + Path.DirectorySeparatorChar + Path.PathSeparator);
    }

    public static string DepsFile(string assemblyPath) => Path.ChangeExtension(assemblyPath, ".deps.json");

    // The entries of a host list that are not the worker's own (the framework's).
    private static IEnumerable<string> FrameworkEntries(string? list, char separator) =>
        (list ?? "").Split(separator, StringSplitOptions.RemoveEmptyEntries).Where(entry => !Worker.Owns(entry));

    private static string Join(char separator, IEnumerable<string?> entries) =>
        string.Join(separator, entries.Where(e => !string.IsNullOrEmpty(e)).Distinct(StringComparer.Ordinal));
}
