using NodeMonitor.Core.Selection;

namespace NodeMonitor.Core.Discovery;

/// <summary>
/// The optional <c>plugin.json</c> beside a plugin's assemblies. Every key is optional;
/// an unknown key is an error naming the file and the key.
/// </summary>
/// <param name="Assemblies">Test assembly file names to run; null means "every assembly that references nunit.framework".</param>
/// <param name="Timeout">Wall-clock limit for the plugin's worker; null means the configured default.</param>
/// <param name="Retries">Consecutive failing runs that stay soft (local only) before a failure is reported centrally.</param>
/// <param name="Categories">Only tests in one of these NUnit categories run (empty: no restriction).</param>
/// <param name="Where">A test selection in nunit3-console's --where language, parsed when the manifest is read.</param>
/// <param name="Environment">Variables set for the plugin's worker process (thresholds and the like).</param>
/// <param name="Limits">Memory, CPU and account of the plugin's processes.</param>
public sealed record PluginManifest(
    bool Enabled,
    IReadOnlyList<string>? Assemblies,
    TimeSpan? Timeout,
    int Retries,
    IReadOnlyList<string> Categories,
    WhereExpression? Where,
    IReadOnlyDictionary<string, string> Environment,
    PluginLimits Limits)
{
    public const string FileName = "plugin.json";

    /// <summary>Run parameters the plugin's tests read with TestContext.Parameters, as a runsettings file's
    /// TestRunParameters give them under <c>dotnet test</c>.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Node: the plugin checks this node (every node runs it). Cluster: it checks the cluster view, and only the
    /// node holding the aggregator election runs it; its results are reported under the cluster's reserved name.</summary>
    public PluginScope Scope { get; init; } = PluginScope.Node;

    /// <summary><c>"isolation": "process"</c>: the plugin always runs in a worker process of its own, never in a worker
    /// shared with other plugins (<c>"shared"</c>, the default, lets NodeMonitor group it with plugins that agree on
    /// everything a process gives them).</summary>
    public bool OwnProcess { get; init; }

    public static readonly PluginManifest Default =
        new(true, null, null, 0, [], null, new Dictionary<string, string>(), PluginLimits.Default);
}

/// <summary>What a plugin's processes may use; exceeding a limit ends that plugin, never the node's run.</summary>
/// <param name="MemoryMegabytes">Most memory (resident, MiB) of the worker and everything it started, together.</param>
/// <param name="CpuSeconds">Most CPU time (seconds, all cores added up) of the worker and everything it started.</param>
/// <param name="User">Account the worker runs as; null keeps root (the supervisor's account).</param>
public sealed record PluginLimits(int MemoryMegabytes, int CpuSeconds, string? User)
{
    public const int DefaultMemoryMegabytes = 512;
    public const int DefaultCpuSeconds = 60;

    public static readonly PluginLimits Default = new(DefaultMemoryMegabytes, DefaultCpuSeconds, null);
}

/// <summary>What a plugin checks: its own node, or the cluster as a whole (plugin.json <c>"scope"</c>).</summary>
public enum PluginScope
{
    Node,
    Cluster,
}
