using System.Security.Cryptography;
using NodeMonitor.Core.Discovery;
using NodeMonitor.Execution.Containment;
using NodeMonitor.Execution.Hosting;
using NodeMonitor.Execution.Protocol;

namespace NodeMonitor.Execution.Supervision;

/// <summary>
/// What one worker process runs: one plugin's request, or (a shared worker) several plugins' one after the other, each
/// with its own deadline. <paramref name="Container"/> gives the process its account, limits and folder.
/// </summary>
internal sealed record WorkerLaunch(IReadOnlyList<WorkerRequest> Requests, IReadOnlyList<TimeSpan> Timeouts, PluginDescriptor Container, string? Node)
{
    /// <summary>The worker's arguments: the request itself, or <c>batch</c> (the batch then comes on stdin, <see cref="Input"/>).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = Requests[0].ToArguments();

    /// <summary>Plugin variables the process starts with; null: the container plugin's own.</summary>
    public IReadOnlyDictionary<string, string>? StartEnvironment { get; init; }

    /// <summary>One line written to the worker's stdin once it started (it may depend on the started scope's account and mark).</summary>
    public Func<ProcessScope, string>? Input { get; init; }

    /// <summary>For a shared worker, the token each plugin's done message must carry; null: none checked.</summary>
    public IReadOnlyList<string>? DoneTokens { get; init; }

    /// <summary>Called when a plugin other than the last sent its done message, with the output captured during it.</summary>
    public Action<int, string>? OnPluginDone { get; init; }

    /// <summary>The GC's gen0 budget of a shared worker, unless the node or the plugins set one. The default (sized from
    /// the CPU cache) lets each plugin's garbage pile up: 115 MB resident for five 100-test plugins, 63 MB with 8 MiB, for
    /// the same CPU time. Only an environment variable sets it; the worker removes it before any plugin runs, since each
    /// plugin gets exactly its own environment.</summary>
    private const string Gen0Budget = "DOTNET_GCgen0size";
    private const string Gen0BudgetBytes = "0x800000";

    /// <summary>A shared worker for <paramref name="plugins"/>, which agree on everything a process gives them (see
    /// Planning's WorkerSharing): each gets, in the worker, the environment a worker of its own would have had.</summary>
    public static WorkerLaunch Batch(IReadOnlyList<PlannedPlugin> plugins, IReadOnlyList<WorkerRequest> requests, string? node,
        IReadOnlyDictionary<string, string> startEnvironment, Action<int, string> onPluginDone)
    {
        var tokens = plugins.Select(_ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))).ToList();
        return new(requests, plugins.Select(p => p.Timeout).ToList(), plugins[0].Plugin, node)
        {
            Arguments = [WorkerBatch.Verb],
            DoneTokens = tokens,
            StartEnvironment = WithGen0Budget(startEnvironment),
            OnPluginDone = onPluginDone,
            Input = scope => new WorkerBatch(plugins.Select((p, i) => new WorkerBatchEntry(p.Plugin.Name, requests[i].FilterXml,
                requests[i].Assemblies, requests[i].Parameters,
                ChildEnvironment.Build(scope.Account, node, p.Plugin.Name, p.Plugin.Manifest.Environment, scope.Mark), tokens[i])).ToList()).ToLine(),
        };
    }

    private static IReadOnlyDictionary<string, string> WithGen0Budget(IReadOnlyDictionary<string, string> start)
    {
        if (start.ContainsKey(Gen0Budget) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Gen0Budget))) return start;
        return new Dictionary<string, string>(start, StringComparer.Ordinal) { [Gen0Budget] = Gen0BudgetBytes };
    }
}
