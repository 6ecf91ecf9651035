namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// Makes the worker look, from inside a plugin, as the test host of `dotnet test` does: AppContext.BaseDirectory and
/// the current directory are the test assembly's folder (without a trailing separator, exactly as the test host
/// sets it), so a suite that finds its data files from either finds them. Set before the plugin's code runs.
/// </summary>
internal static class PluginSurroundings
{
    public static void Enter(string assemblyDirectory)
    {
        AppContext.SetData("APP_CONTEXT_BASE_DIRECTORY", assemblyDirectory);
        Directory.SetCurrentDirectory(assemblyDirectory);
    }
}
