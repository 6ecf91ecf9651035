namespace NodeMonitor.Execution.Protocol;

internal enum WorkerMode { Run, Explore }

/// <summary>What the supervisor asks a worker to do, passed as command-line arguments:
/// <c>run|explore PLUGIN-NAME FILTER-XML [--parameter=NAME=VALUE]... ASSEMBLY...</c> (FILTER-XML may be empty: every test).
/// Parameters are the plugin's run parameters (TestContext.Parameters).</summary>
internal sealed record WorkerRequest(WorkerMode Mode, string Plugin, string FilterXml, IReadOnlyList<string> Assemblies)
{
    private const string ParameterOption = "--parameter=";

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> ToArguments() =>
        [Mode == WorkerMode.Run ? "run" : "explore", Plugin, FilterXml,
            .. Parameters.Select(p => $"{ParameterOption}{p.Key}={p.Value}"), .. Assemblies];

    /// <summary>Parses worker arguments; null when they are not a request (the worker then prints usage).</summary>
    public static WorkerRequest? Parse(IReadOnlyList<string> args)
    {
        if (args.Count < 4) return null;
        WorkerMode? mode = args[0] switch { "run" => WorkerMode.Run, "explore" => WorkerMode.Explore, _ => null };
        if (mode is null) return null;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        int next = 3;
        for (; next < args.Count && args[next].StartsWith(ParameterOption, StringComparison.Ordinal); next++)
        {
            string pair = args[next][ParameterOption.Length..];
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) return null;
            parameters[pair[..equals]] = pair[(equals + 1)..];
        }
        return next == args.Count ? null : new WorkerRequest(mode.Value, args[1], args[2], args.Skip(next).ToList()) { Parameters = parameters };
    }
}
