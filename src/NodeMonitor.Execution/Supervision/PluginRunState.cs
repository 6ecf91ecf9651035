using NodeMonitor.Core.Discovery;
using NodeMonitor.Core.Listening;
using NodeMonitor.Core.Results;
using NodeMonitor.Execution.Protocol;

namespace NodeMonitor.Execution.Supervision;

/// <summary>
/// What one plugin's worker has reported so far, turned into events as messages arrive and into a
/// <see cref="PluginResult"/> when the worker is gone. Fed from one thread (the protocol pump).
/// </summary>
internal sealed class PluginRunState(PlannedPlugin planned, DateTimeOffset startTime, Action<RunEvent> onEvent)
{
    private readonly List<TestCaseResult> _tests = [];
    private readonly List<string> _running = [];
    private readonly List<string> _loadErrors = [];

    public string Name => planned.Plugin.Name;

    public void OnMessage(WorkerMessage message)
    {
        switch (message)
        {
            case TestStartedMessage started:
                _running.Add(started.FullName);
                onEvent(new TestStarted(Name, started.FullName, DateTimeOffset.UtcNow));
                break;
            case TestProgressMessage progress:
                onEvent(new TestProgress(Name, progress.FullName, progress.Text, DateTimeOffset.UtcNow));
                break;
            case TestFinishedMessage finished:
                // NUnit reports some results without a start (ignored tests, children of a failed fixture);
                // listeners are promised a TestStarted before every TestFinished.
                if (!_running.Remove(finished.Result.FullName))
                    onEvent(new TestStarted(Name, finished.Result.FullName, DateTimeOffset.UtcNow));
                _tests.Add(finished.Result);
                onEvent(new TestFinished(finished.Result, DateTimeOffset.UtcNow));
                break;
            case AssemblyLoadFailedMessage failed:
                _loadErrors.Add(failed.Error);
                break;
        }
    }

    /// <summary>The result for a plugin that never reached a worker (bad filter, nothing to run, no worker).</summary>
    public PluginResult Failed(PluginStatus status, string error, string? capturedOutput = null) =>
        Result(status, error, null, capturedOutput);

    public PluginResult Finish(WorkerExit exit)
    {
        string? running = _running.Count == 0 ? null : string.Join(", ", _running);
        string during = running is null ? "" : $" while running {running}";
        return exit switch
        {
            { Ending: WorkerEnding.FailedToStart } => Result(PluginStatus.Crashed, exit.StartError, null, null),
            { LimitExceeded: { } limit } => Result(PluginStatus.Crashed,
                $"{limit}{during}; the plugin's processes were killed", running, exit.CapturedOutput),
            { ProtocolViolation: { } violation } => Result(PluginStatus.Crashed,
                $"protocol violation: {violation}{during}; the worker was killed", running, exit.CapturedOutput),
            { Ending: WorkerEnding.TimedOut } => Result(PluginStatus.TimedOut,
                $"timed out after {Seconds(planned.Timeout)}{during}; the worker was killed", running, exit.CapturedOutput),
            { Ending: WorkerEnding.Cancelled } => Result(PluginStatus.Crashed,
                $"cancelled{during}; the worker was killed", running, exit.CapturedOutput),
            { SentDone: false } => Result(PluginStatus.Crashed, CrashError(exit, during), running, exit.CapturedOutput),
            _ when _loadErrors.Count > 0 => Result(PluginStatus.LoadFailed, string.Join("; ", _loadErrors), null, exit.CapturedOutput),
            _ => Result(PluginStatus.Completed, null, null, null),
        };
    }

    private static string CrashError(WorkerExit exit, string during)
    {
        string? reason = exit.RuntimeReason();
        string tail = exit.ExitCode == 0 ? " before finishing" : "";
        return $"the worker {exit.DescribeExit()}{tail}{during}{(reason is null ? "" : $": {reason}")}";
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds == Math.Floor(t.TotalSeconds) ? $"{t.TotalSeconds:0} s" : $"{t.TotalSeconds:0.0} s";

    private PluginResult Result(PluginStatus status, string? error, string? running, string? capturedOutput) =>
        new(Name, planned.Plugin.Assemblies.Select(a => Path.GetFileName(a)).ToList(), status, error, running,
            status == PluginStatus.Completed ? null : NullIfEmpty(capturedOutput),
            startTime, DateTimeOffset.UtcNow - startTime, _tests.ToList());

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
