using NodeMonitor.Core.Discovery;
using NodeMonitor.Core.Listening;
using NodeMonitor.Core.Results;
using NodeMonitor.Execution.Planning;
using NodeMonitor.Execution.Supervision;

namespace NodeMonitor.Execution;

/// <summary>
/// Runs a plan's plugins, up to <c>parallelism</c> workers at once (plugins that agree on everything a process gives them
/// share one, <see cref="WorkerSharing"/>), and reports the run to one listener.
/// Cancellation kills the running workers (their results say "cancelled"), starts no more plugins, and
/// still returns and reports what finished.
/// </summary>
public sealed class RunCoordinator
{
    private readonly PluginRunner _runner;
    private readonly int _parallelism;

    public RunCoordinator(PluginRunner runner, int parallelism)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _runner = runner;
        _parallelism = parallelism;
    }

    /// <summary>Emits RunStarted, runs the plugins, emits RunFinished; the result lists plugins in plan order.</summary>
    public async Task<RunResult> RunAsync(RunPlan plan, string node, IRunListener listener, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(listener);
        var events = new SerializedListener(listener, Console.Error);
        var start = DateTimeOffset.UtcNow;
        string runId = RunResult.NewRunId(start);
        events.Deliver(new RunStarted(runId, node, plan.Plugins.Select(p => p.Plugin.Name).ToList(), start));

        var results = new PluginResult?[plan.Plugins.Count];
        using var slots = new SemaphoreSlim(_parallelism);
        var units = WorkerSharing.Units(plan.Plugins, _parallelism, _runner.RuntimeConfigText);
        var runs = units.Select(async unit =>
        {
            try
            {
                await slots.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return; // never started: not part of the result
            }
            try
            {
                if (ct.IsCancellationRequested) return;
                var ran = await _runner.RunSharedAsync(unit.Select(i => plan.Plugins[i]).ToList(), events.Deliver, ct).ConfigureAwait(false);
                for (int i = 0; i < unit.Count; i++) results[unit[i]] = ran[i];
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        await Task.WhenAll(runs).ConfigureAwait(false);

        var run = new RunResult(runId, node, start, DateTimeOffset.UtcNow, results.OfType<PluginResult>().ToList());
        events.Deliver(new RunFinished(run, run.EndTime));
        return run;
    }
}
