using NodeMonitor.Core.Discovery;
using NodeMonitor.Core.Nagios;
using NodeMonitor.Core.Listening;
using NodeMonitor.Core.Results;
using NodeMonitor.Execution.Nagios;
using NodeMonitor.Execution.Protocol;
using NodeMonitor.Execution.Supervision;

namespace NodeMonitor.Execution;

/// <summary>
/// Runs plugins in nodemonitor-worker processes: one plugin in a worker of its own (<see cref="RunAsync"/>), or plugins
/// that may share one after the other in one worker (<see cref="RunSharedAsync"/>). All of a plugin's assemblies run in
/// its worker one after the other: the plugin is the unit of timeout, environment and results. A crash therefore ends
/// the rest of that plugin, never another plugin's results.
/// Never throws for plugin problems: a crash, a hang past the timeout or a load failure is a
/// <see cref="PluginResult"/> with its reason, keeping every test that finished before.
/// </summary>
public sealed class PluginRunner
{
    private readonly WorkerCommand _worker;

    /// <param name="workerPath">The worker's apphost or dll; default: nodemonitor-worker beside this application.</param>
    public PluginRunner(string? workerPath = null) => _worker = WorkerCommand.Locate(workerPath);

    /// <summary>How the plugin's Nagios commands (nrpe-style *.cfg) run; they run after its assemblies, in this process.</summary>
    public NagiosSettings Nagios { get; init; } = NagiosSettings.Default;

    /// <summary>This node's name, given to plugin processes as NODEMONITOR_NODE.</summary>
    public string? Node { get; init; }

    /// <summary>Why none of <paramref name="plugins"/> that needs a worker (any with test assemblies) can run: no .NET
    /// runtime able to run nodemonitor-worker was found. Null when one was, or when none needs a worker.</summary>
    public static string? WorkerRuntimeProblem(IEnumerable<PlannedPlugin> plugins) =>
        plugins.Any(p => p.Plugin.Assemblies.Count > 0) ? DotnetInstallation.Problem : null;

    /// <summary>Runs the plugin's selected tests, reporting PluginStarted, TestStarted, TestProgress, TestFinished
    /// and PluginFinished through <paramref name="onEvent"/>, in order, from one thread at a time.</summary>
    /// <remarks>Cancelling kills the worker; the result is then Crashed with a "cancelled" error and the tests finished so far.</remarks>
    public async Task<PluginResult> RunAsync(PlannedPlugin plugin, Action<RunEvent> onEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(onEvent);
        var start = DateTimeOffset.UtcNow;
        onEvent(new PluginStarted(plugin.Plugin.Name, start));
        var state = new PluginRunState(plugin, start, onEvent);
        bool onlyCommands = plugin.Plugin.Assemblies.Count == 0 && plugin.Plugin.NagiosCommands.Count > 0;
        var result = onlyCommands
            ? new PluginResult(plugin.Plugin.Name, [], PluginStatus.Completed, null, null, null, start, TimeSpan.Zero, [])
            : await RunWorkerAsync(plugin, state, ct).ConfigureAwait(false);
        if (plugin.Plugin.NagiosCommands.Count > 0)
        {
            var commands = await new NagiosCommandRunner(Nagios) { Node = Node }.RunAsync(plugin, onEvent, ct).ConfigureAwait(false);
            result = result with { Tests = [.. result.Tests, .. commands], Duration = DateTimeOffset.UtcNow - start };
        }
        onEvent(new PluginFinished(result, DateTimeOffset.UtcNow));
        return result;
    }

    /// <summary>Loads the plugin's assemblies and lists the tests its filter selects, without running any.</summary>
    public async Task<PluginExploration> ExploreAsync(PlannedPlugin plugin, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        var found = new List<AssemblyExploration>();
        var commands = NagiosCommandRunner.Explore(plugin);
        if (plugin.Plugin.Assemblies.Count == 0 && commands.Count > 0) return new PluginExploration(plugin.Plugin.Name, commands, null);
        var (request, error) = Request(plugin, WorkerMode.Explore);
        if (request is null) return new PluginExploration(plugin.Plugin.Name, found, error);

        var (exit, startError) = await StartWorkerAsync(plugin, Single(plugin, request), (_, m) =>
            {
                if (m is AssemblyExploredMessage e) found.Add(new(e.Assembly, e.FrameworkVersion, e.TestCount, e.Tests, null));
                if (m is AssemblyLoadFailedMessage f) found.Add(new(f.Assembly, null, 0, [], f.Error));
            }, ct).ConfigureAwait(false);
        return new PluginExploration(plugin.Plugin.Name, [.. found, .. commands], exit is null ? startError : ExplorationError(exit));
    }

    /// <summary>The merged runtime configuration the plugin's worker starts with, as text; null for the worker's own.</summary>
    /// <exception cref="InvalidDataException">The plugin's runtimeconfig.json is not readable JSON.</exception>
    public string? RuntimeConfigText(PlannedPlugin plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        return PluginRuntimeConfig.MergedText(WorkerRuntimeConfig, plugin.Plugin.Assemblies);
    }

    /// <summary>
    /// Runs plugins that may share a worker (<see cref="Planning.WorkerSharing"/>) in one worker, one after the other, with
    /// the same events and results each would have had in a worker of its own. When the worker ends early (a crash, a hang
    /// past the running plugin's timeout, a limit, a protocol violation) the running plugin gets that result, those that
    /// finished keep theirs and the ones not yet run each run in a worker of their own. Results are in the order given;
    /// a plugin not run because of cancellation has none.
    /// </summary>
    public async Task<IReadOnlyList<PluginResult?>> RunSharedAsync(IReadOnlyList<PlannedPlugin> plugins, Action<RunEvent> onEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        ArgumentNullException.ThrowIfNull(onEvent);
        if (plugins.Count == 1) return [await RunAsync(plugins[0], onEvent, ct).ConfigureAwait(false)];
        var results = new PluginResult?[plugins.Count];
        var states = new PluginRunState[plugins.Count];
        void Begin(int i)
        {
            var start = DateTimeOffset.UtcNow;
            onEvent(new PluginStarted(plugins[i].Plugin.Name, start));
            states[i] = new PluginRunState(plugins[i], start, onEvent);
        }
        void End(int i, PluginResult result)
        {
            results[i] = result;
            onEvent(new PluginFinished(result, DateTimeOffset.UtcNow));
        }

        var requests = plugins.Select(p => Request(p, WorkerMode.Run).Request!).ToList();
        Begin(0);
        var launch = WorkerLaunch.Batch(plugins, requests, Node, Planning.WorkerSharing.StartEnvironment(plugins[0].Plugin), (i, output) =>
        {
            End(i, states[i].Finish(new WorkerExit(WorkerEnding.Exited, 0, true, output, null)));
            Begin(i + 1);
        });
        var (exit, startError) = await StartWorkerAsync(plugins[0], launch, (i, m) => states[i].OnMessage(m), ct).ConfigureAwait(false);
        // The plugin running when the worker ended (or the last, when all sent done) ends with the worker's exit.
        int running = Math.Min(exit?.PluginsDone ?? 0, plugins.Count - 1);
        End(running, exit is null ? states[running].Failed(PluginStatus.LoadFailed, startError!) : states[running].Finish(exit));
        for (int i = running + 1; i < plugins.Count && !ct.IsCancellationRequested; i++)
            results[i] = await RunAsync(plugins[i], onEvent, ct).ConfigureAwait(false);
        return results;
    }

    private string WorkerRuntimeConfig => Path.ChangeExtension(_worker.WorkerAssembly, ".runtimeconfig.json");

    private async Task<PluginResult> RunWorkerAsync(PlannedPlugin plugin, PluginRunState state, CancellationToken ct)
    {
        var (request, error) = Request(plugin, WorkerMode.Run);
        if (request is null) return state.Failed(PluginStatus.LoadFailed, error!);
        var (exit, startError) = await StartWorkerAsync(plugin, Single(plugin, request), (_, m) => state.OnMessage(m), ct).ConfigureAwait(false);
        return exit is null ? state.Failed(PluginStatus.LoadFailed, startError!) : state.Finish(exit);
    }

    private WorkerLaunch Single(PlannedPlugin plugin, WorkerRequest request) => new([request], [plugin.Timeout], plugin.Plugin, Node);

    /// <summary>Runs the worker with the plugin's own runtime configuration and the variables the test host sets;
    /// a plugin whose runtimeconfig.json cannot be read gets the reason instead of a worker.</summary>
    private async Task<(WorkerExit? Exit, string? Error)> StartWorkerAsync(
        PlannedPlugin plugin, WorkerLaunch launch, Action<int, WorkerMessage> onMessage, CancellationToken ct)
    {
        PluginRuntimeConfig runtime;
        try
        {
            runtime = PluginRuntimeConfig.Prepare(WorkerRuntimeConfig, plugin.Plugin.Assemblies);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return (null, $"the plugin's runtime configuration cannot be used: {e.Message}");
        }
        using (runtime)
        {
            var command = runtime.FilePath is null ? _worker : _worker.WithRuntimeConfig(runtime.FilePath);
            var exit = await WorkerSession.RunAsync(command, launch, onMessage, ct).ConfigureAwait(false);
            return (exit, null);
        }
    }

    private static (WorkerRequest? Request, string? Error) Request(PlannedPlugin plugin, WorkerMode mode)
    {
        if (plugin.Plugin.Assemblies.Count == 0) return (null, "the plugin has no test assemblies");
        string filter = plugin.Where?.ToFilterXml() ?? "";
        return (new WorkerRequest(mode, plugin.Plugin.Name, filter, plugin.Plugin.Assemblies) { Parameters = plugin.Plugin.Manifest.Parameters }, null);
    }

    private static string? ExplorationError(WorkerExit exit) => exit switch
    {
        { Ending: WorkerEnding.FailedToStart } => exit.StartError,
        { LimitExceeded: { } limit } => $"{limit} while loading; the plugin's processes were killed",
        { ProtocolViolation: { } violation } => $"protocol violation: {violation}; the worker was killed",
        { Ending: WorkerEnding.TimedOut } => "timed out while loading; the worker was killed",
        { Ending: WorkerEnding.Cancelled } => "cancelled; the worker was killed",
        { SentDone: false } => $"the worker {exit.DescribeExit()} while loading{(exit.RuntimeReason() is { } r ? $": {r}" : "")}",
        _ => null,
    };
}
