namespace NodeMonitor.Execution.Protocol;

internal enum WorkerMode { Run, Explore }

/// <summary>What the supervisor asks a worker to do, passed as command-line arguments:
/// <c>run|explore PLUGIN-NAME FILTER-XML ASSEMBLY...</c> (FILTER-XML may be empty: every test).</summary>
internal sealed record WorkerRequest(WorkerMode Mode, string Plugin, string FilterXml, IReadOnlyList<string> Assemblies)
{
    public IReadOnlyList<string> ToArguments() =>
        [Mode == WorkerMode.Run ? "run" : "explore", Plugin, FilterXml, .. Assemblies];

    /// <summary>Parses worker arguments; null when they are not a request (the worker then prints usage).</summary>
    public static WorkerRequest? Parse(IReadOnlyList<string> args)
    {
        if (args.Count < 4) return null;
        WorkerMode? mode = args[0] switch { "run" => WorkerMode.Run, "explore" => WorkerMode.Explore, _ => null };
        return mode is null ? null : new WorkerRequest(mode.Value, args[1], args[2], args.Skip(3).ToList());
    }
}
