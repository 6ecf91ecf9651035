using System.Xml;
using NodeMonitor.Core.Listening;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Ingestion;

/// <summary>
/// Turns the NUnit engine's XML event strings (start-run, start-suite, start-test, test-case, test-suite,
/// test-output, test-run) into NodeMonitor's typed run events, the ones <c>nodemonitor run</c> produces, and
/// into a <see cref="RunResult"/> when the run ends. Each test assembly is one plugin, named after the assembly.
/// Thread-safe: the engine may call from several test threads; the listener is called under one lock.
/// </summary>
public sealed class NUnitEngineEvents(string node, IRunListener listener)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _parentOf = [];
    private readonly HashSet<string> _suitesWithCases = [];
    private readonly Dictionary<string, AssemblyRun> _assemblies = [];
    private readonly List<PluginResult> _finished = [];
    private string? _runId;
    private DateTimeOffset _runStart;

    /// <summary>The finished run, once the engine sent test-run; null before.</summary>
    public RunResult? Result { get; private set; }

    /// <summary>Takes one engine event. Unknown or unreadable events are ignored (a listener must never break a run).</summary>
    /// <returns>False when the event could not be read.</returns>
    public bool OnEvent(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        try
        {
            lock (_gate) Translate(xml);
            return true;
        }
        catch (Exception e) when (e is XmlException or FormatException)
        {
            return false;
        }
    }

    private void Translate(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { IgnoreComments = true });
        reader.MoveToContent();
        string id = reader.GetAttribute("id") ?? "";
        string parent = reader.GetAttribute("parentId") ?? "";
        var now = DateTimeOffset.UtcNow;
        switch (reader.LocalName)
        {
            case "start-run":
                EnsureRunStarted(now);
                break;
            case "start-suite":
                EnsureRunStarted(now);
                if (parent.Length > 0) _parentOf[id] = parent;
                if (reader.GetAttribute("type") == "Assembly") StartAssembly(id, reader.GetAttribute("name") ?? "tests.dll", now);
                break;
            case "start-test":
                if (AssemblyOf(id) is { } started)
                {
                    string fullName = reader.GetAttribute("fullname") ?? "";
                    started.Running.Add(fullName);
                    listener.OnEvent(new TestStarted(started.Plugin, fullName, now));
                }
                break;
            case "test-output" or "test-message":
                string test = reader.GetAttribute("testname") ?? "";
                if (test.Length > 0 && AssemblyOf(id) is { } writing)
                    listener.OnEvent(new TestProgress(writing.Plugin, test, reader.ReadElementContentAsString().TrimEnd('\r', '\n'), now));
                break;
            case "test-case":
                if (AssemblyOf(id) is { } ran)
                {
                    MarkAncestors(parent);
                    _suitesWithCases.Add(id);
                    Finish(ran, NUnitTestCaseReader.Read(reader, ran.Plugin, ran.Assembly), now);
                }
                break;
            case "test-suite":
                FinishSuite(reader, id, now);
                break;
            case "test-run":
                FinishRun(now);
                break;
        }
    }

    private void EnsureRunStarted(DateTimeOffset now)
    {
        if (_runId is not null) return;
        _runStart = now;
        _runId = RunResult.NewRunId(now);
        listener.OnEvent(new RunStarted(_runId, node, [], now));
    }

    private void StartAssembly(string id, string name, DateTimeOffset now)
    {
        string assembly = Path.GetFileName(name);
        var run = new AssemblyRun(Path.GetFileNameWithoutExtension(assembly), assembly, now);
        _assemblies[Prefix(id)] = run;
        listener.OnEvent(new PluginStarted(run.Plugin, now));
    }

    private void Finish(AssemblyRun run, TestCaseResult result, DateTimeOffset now)
    {
        // NUnit reports some results without a start (ignored tests, children of a failed fixture);
        // listeners are promised a TestStarted before every TestFinished.
        if (!run.Running.Remove(result.FullName)) listener.OnEvent(new TestStarted(run.Plugin, result.FullName, now));
        run.Tests.Add(result);
        listener.OnEvent(new TestFinished(result, now));
    }

    private void FinishSuite(XmlReader reader, string id, DateTimeOffset now)
    {
        if (AssemblyOf(id) is not { } run) return;
        bool isAssembly = reader.GetAttribute("type") == "Assembly";
        if (NUnitTestCaseReader.SuiteFailedOnItsOwn(reader.GetAttribute("result"), reader.GetAttribute("site"), _suitesWithCases.Contains(id)))
            Finish(run, NUnitTestCaseReader.Read(reader, run.Plugin, run.Assembly), now);
        if (!isAssembly) return;
        var result = new PluginResult(run.Plugin, [run.Assembly], PluginStatus.Completed, null, null, null,
            run.Start, now - run.Start, run.Tests.ToList());
        _assemblies.Remove(Prefix(id));
        _finished.Add(result);
        listener.OnEvent(new PluginFinished(result, now));
    }

    private void FinishRun(DateTimeOffset now)
    {
        if (Result is not null) return;
        EnsureRunStarted(now);
        // An assembly the engine never closed (it was cancelled) still keeps what it ran.
        foreach (var open in _assemblies.Values)
            _finished.Add(new PluginResult(open.Plugin, [open.Assembly], PluginStatus.Crashed,
                "the NUnit engine ended the run before the assembly finished", string.Join(", ", open.Running), null,
                open.Start, now - open.Start, open.Tests.ToList()));
        _assemblies.Clear();
        Result = new RunResult(_runId!, node, _runStart, now, _finished.OrderBy(p => p.Name, StringComparer.Ordinal).ToList());
        listener.OnEvent(new RunFinished(Result, now));
    }

    private void MarkAncestors(string parent)
    {
        for (string? at = parent; !string.IsNullOrEmpty(at) && _suitesWithCases.Add(at); _parentOf.TryGetValue(at, out at)) { }
    }

    /// <summary>NUnit ids are "&lt;assembly index&gt;-&lt;number&gt;": the prefix names the assembly.</summary>
    private AssemblyRun? AssemblyOf(string id) =>
        _assemblies.TryGetValue(Prefix(id), out var run) ? run : _assemblies.Count == 1 ? _assemblies.Values.First() : null;

    private static string Prefix(string id)
    {
        int dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? id : id[..dash];
    }

    private sealed class AssemblyRun(string plugin, string assembly, DateTimeOffset start)
    {
        public string Plugin { get; } = plugin;
        public string Assembly { get; } = assembly;
        public DateTimeOffset Start { get; } = start;
        public List<TestCaseResult> Tests { get; } = [];
        public List<string> Running { get; } = [];
    }
}
