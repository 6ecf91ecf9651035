using System.Diagnostics;

namespace NodeMonitor.Execution.Supervision;

/// <summary>How to start nodemonitor-worker: its apphost when present, otherwise <c>dotnet nodemonitor-worker.dll</c>.</summary>
internal sealed record WorkerCommand(string FileName, IReadOnlyList<string> LeadingArguments)
{
    private const string WorkerName = "nodemonitor-worker";

    public static WorkerCommand Locate(string? workerPath)
    {
        if (workerPath is not null)
        {
            return workerPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                ? new WorkerCommand(DotnetHost(), [workerPath])
                : new WorkerCommand(workerPath, []);
        }
        string apphost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? WorkerName + ".exe" : WorkerName);
        if (File.Exists(apphost)) return new WorkerCommand(apphost, []);
        return new WorkerCommand(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, WorkerName + ".dll")]);
    }

    public ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string a in LeadingArguments.Concat(arguments)) info.ArgumentList.Add(a);
        return info;
    }

    public override string ToString() => string.Join(' ', [FileName, .. LeadingArguments]);

    /// <summary>The worker's assembly: the dll this command runs, or the one beside its apphost.</summary>
    public string WorkerAssembly => LeadingArguments.LastOrDefault(a => a.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        ?? Path.ChangeExtension(FileName, ".dll");

    /// <summary>The same worker started by the dotnet host with another runtime configuration (a plugin's):
    /// <c>dotnet exec --runtimeconfig FILE nodemonitor-worker.dll</c>.</summary>
    public WorkerCommand WithRuntimeConfig(string runtimeConfig) =>
        new(DotnetHost(), ["exec", "--runtimeconfig", runtimeConfig, WorkerAssembly]);

    // The host running us, or that of the installation found for the worker (a native CLI); DOTNET_HOST_PATH is set by
    // the SDK for test runs.
    private static string DotnetHost()
    {
        string? self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        if (DotnetInstallation.Muxer is { } muxer) return muxer;
        string? fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk) ? fromSdk : "dotnet";
    }
}
