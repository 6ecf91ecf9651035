using NodeMonitor.Core.Listening;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Execution.NUnit;

/// <summary>
/// A run of the NUnit engine (the engine extension's events, or a result file replayed by <see cref="NUnitResultFile"/>)
/// as NodeMonitor's typed run events, the ones <c>nodemonitor run</c> produces, and as a <see cref="RunResult"/> when
/// the run ends. Each test assembly is one plugin, named after the assembly. The XML is read by
/// <see cref="NUnitEventTranslator"/>; this class only keeps the run's books.
/// Thread-safe: the engine may call from several test threads; the listener is called under one lock.
/// </summary>
public sealed class NUnitEngineEvents
{
    private readonly string _node;
    private readonly IRunListener _listener;
    private readonly NUnitEventTranslator _translator;
    private readonly Dictionary<(string Plugin, string File), AssemblyRun> _assemblies = [];
    private readonly List<PluginResult> _finished = [];
    private string? _runId;
    private DateTimeOffset _runStart;

    public NUnitEngineEvents(string node, IRunListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        _node = node;
        _listener = listener;
        _translator = new NUnitEventTranslator(On);
    }

    /// <summary>The finished run, once the engine sent test-run; null before.</summary>
    public RunResult? Result { get; private set; }

    /// <summary>Takes one engine event. Unknown or unreadable events are ignored (a listener must never break a run).</summary>
    /// <returns>False when the event could not be read.</returns>
    public bool OnEvent(string xml) => _translator.OnEvent(xml);

    private void On(NUnitEvent nunitEvent)
    {
        var now = DateTimeOffset.UtcNow;
        switch (nunitEvent)
        {
            case NUnitRunStarted started:
                EnsureRunStarted(started.StartTime ?? now);
                break;
            case NUnitAssemblyStarted assembly:
                EnsureRunStarted(now);
                _assemblies[(assembly.Plugin, assembly.Assembly)] = new AssemblyRun(assembly.Plugin, assembly.Assembly, now);
                _listener.OnEvent(new PluginStarted(assembly.Plugin, now));
                break;
            case NUnitTestStarted test when Running(test.Plugin) is { } run:
                run.Running.Add(test.FullName);
                _listener.OnEvent(new TestStarted(test.Plugin, test.FullName, now));
                break;
            case NUnitTestOutput { FullName: { } name } output when Running(output.Plugin) is not null:
                _listener.OnEvent(new TestProgress(output.Plugin, name, output.Text, now));
                break;
            case NUnitTestFinished finished when Running(finished.Result.Plugin, finished.Result.Assembly) is { } run:
                Finish(run, finished.Result, now);
                break;
            case NUnitAssemblyFinished assembly:
                FinishAssembly(assembly, now);
                break;
            case NUnitRunFinished run:
                FinishRun(run, now);
                break;
        }
    }

    private void EnsureRunStarted(DateTimeOffset start)
    {
        if (_runId is not null) return;
        _runStart = start;
        _runId = RunResult.NewRunId(start);
        _listener.OnEvent(new RunStarted(_runId, _node, [], start));
    }

    private void Finish(AssemblyRun run, TestCaseResult result, DateTimeOffset now)
    {
        // NUnit reports some results without a start (ignored tests, children of a failed fixture);
        // listeners are promised a TestStarted before every TestFinished.
        if (!run.Running.Remove(result.FullName)) _listener.OnEvent(new TestStarted(run.Plugin, result.FullName, now));
        run.Tests.Add(result);
        _listener.OnEvent(new TestFinished(result, now));
    }

    private void FinishAssembly(NUnitAssemblyFinished assembly, DateTimeOffset now)
    {
        if (!_assemblies.Remove((assembly.Plugin, assembly.Assembly), out var run)) return;
        var start = assembly.StartTime ?? run.Start;
        var result = new PluginResult(run.Plugin, [run.File], PluginStatus.Completed, null, null, null,
            start, assembly.Duration ?? now - start, run.Tests.ToList());
        _finished.Add(result);
        _listener.OnEvent(new PluginFinished(result, now));
    }

    private void FinishRun(NUnitRunFinished finished, DateTimeOffset now)
    {
        if (Result is not null) return;
        EnsureRunStarted(finished.StartTime ?? now);
        // An assembly the engine never closed (it was cancelled) still keeps what it ran.
        foreach (var open in _assemblies.Values)
            _finished.Add(new PluginResult(open.Plugin, [open.File], PluginStatus.Crashed,
                "the NUnit engine ended the run before the assembly finished", string.Join(", ", open.Running), null,
                open.Start, now - open.Start, open.Tests.ToList()));
        _assemblies.Clear();
        Result = new RunResult(_runId!, _node, _runStart, finished.EndTime ?? now, _finished.OrderBy(p => p.Name, StringComparer.Ordinal).ToList());
        _listener.OnEvent(new RunFinished(Result, now));
    }

    private AssemblyRun? Running(string plugin, string? file = null) =>
        _assemblies.Values.FirstOrDefault(a => a.Plugin == plugin && (file is null || a.File == file));

    private sealed class AssemblyRun(string plugin, string file, DateTimeOffset start)
    {
        public string Plugin { get; } = plugin;
        public string File { get; } = file;
        public DateTimeOffset Start { get; } = start;
        public List<TestCaseResult> Tests { get; } = [];
        public List<string> Running { get; } = [];
    }
}
