using System.Xml;
using NodeMonitor.Core.Results;
using NodeMonitor.Execution.Hosting;

namespace NodeMonitor.Execution.NUnit;

/// <summary>
/// The one place NUnit's events become NodeMonitor's result model. Takes NUnit's XML event strings (start-run,
/// start-suite, start-test, test-output, test-case, test-suite, test-run), from FrameworkController in the worker,
/// from the NUnit engine in the engine extension, or replayed from a result file by <see cref="NUnitResultFile"/>,
/// and the worker's test cases read from NUnit's result objects instead (<see cref="OnTestStarted"/>,
/// <see cref="OnTestCase"/>, <see cref="NUnitResultObjects"/>), and emits typed <see cref="NUnitEvent"/>s. Test cases
/// map one to one, including the ones NUnit fails on behalf of a broken [OneTimeSetUp] (site Parent). A suite that failed on its own (a broken [OneTimeTearDown], a fixture NUnit
/// cannot build) becomes one suite-level result, because otherwise nobody would see that failure.
/// Thread-safe: NUnit may call from several test threads; events are emitted under one lock, in NUnit's order.
/// </summary>
public sealed class NUnitEventTranslator
{
    // One name table for all events (used under the lock): element and attribute names are atomized once, not per event.
    private readonly XmlReaderSettings _settings = new() { IgnoreComments = true, NameTable = new NameTable() };
    private readonly SuiteTree _suites = new();
    private readonly Lock _gate = new();
    private readonly Action<NUnitEvent> _emit;
    private readonly Dictionary<string, string> _parentOf = [];
    private readonly HashSet<string> _suitesWithCases = [];
    private readonly Dictionary<string, TestAssembly> _assemblies = [];
    private readonly string? _plugin;
    private TestAssembly? _only;

    /// <param name="emit">Called for each event, under the translator's lock.</param>
    /// <param name="plugin">The plugin every result belongs to (the worker runs one plugin); null names each
    /// assembly's plugin after the assembly (a desk run or a result file holds any number of them).</param>
    /// <param name="assembly">The assembly file events belong to before NUnit announced one (the worker's).</param>
    public NUnitEventTranslator(Action<NUnitEvent> emit, string? plugin = null, string? assembly = null)
    {
        ArgumentNullException.ThrowIfNull(emit);
        _emit = emit;
        _plugin = plugin;
        if (plugin is not null && assembly is not null) _only = new TestAssembly(plugin, assembly);
    }

    /// <summary>Translates one event. Unknown events are ignored.</summary>
    /// <returns>False when the event is not readable XML (nothing was emitted for it).</returns>
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

    /// <summary>A test case started (NUnit's start-test), read from NUnit's objects rather than its XML.</summary>
    public void OnTestStarted(string id, string fullName)
    {
        lock (_gate)
        {
            if (AssemblyOf(id) is { } test) _emit(new NUnitTestStarted(test.Plugin, fullName));
        }
    }

    /// <summary>A test case finished (NUnit's test-case), read from NUnit's objects rather than its XML:
    /// <paramref name="read"/> makes its result for a plugin and assembly file.</summary>
    public void OnTestCase(string id, string parentId, Func<string, string, TestCaseResult> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate) FinishCase(id, parentId, read);
    }

    private void FinishCase(string id, string parent, Func<string, string, TestCaseResult> read)
    {
        if (AssemblyOf(id) is not { } ran) return;
        MarkAncestors(parent);
        _suitesWithCases.Add(id);
        var suites = _suites.PathTo(parent);
        _emit(new NUnitTestFinished(read(ran.Plugin, ran.File) with { Suites = suites }) { SuiteId = suites is null ? null : parent });
    }

    private void Translate(string xml)
    {
        // The most frequent event needs two attributes: found without building a reader.
        if (xml.StartsWith("<start-test ", StringComparison.Ordinal))
        {
            if (AssemblyOf(RootAttribute.Value(xml, "id") ?? "") is { } test)
                _emit(new NUnitTestStarted(test.Plugin, RootAttribute.Value(xml, "fullname") ?? ""));
            return;
        }
        using var reader = XmlReader.Create(new StringReader(xml), _settings);
        reader.MoveToContent();
        string id = reader.GetAttribute("id") ?? "";
        string parent = reader.GetAttribute("parentId") ?? "";
        switch (reader.LocalName)
        {
            case "start-run":
                _emit(new NUnitRunStarted(NUnitTestCaseReader.TimeOrNull(reader.GetAttribute("start-time"))));
                break;
            case "start-suite":
                if (parent.Length > 0) _parentOf[id] = parent;
                var suite = _suites.Started(id, parent, reader.GetAttribute("type") ?? "", reader.GetAttribute("name") ?? "",
                    reader.GetAttribute("fullname") ?? "", reader.GetAttribute("classname"));
                if (suite is null) StartAssembly(id, reader.GetAttribute("name"));
                else if (AssemblyOf(id) is { } within)
                    _emit(new NUnitSuiteStarted(within.Plugin, id, _suites.Contains(parent) ? parent : null, suite));
                break;
            case "start-test":
                if (AssemblyOf(id) is { } started) _emit(new NUnitTestStarted(started.Plugin, reader.GetAttribute("fullname") ?? ""));
                break;
            case "test-output" or "test-message":
                Output(reader);
                break;
            case "test-case":
                FinishCase(id, parent, (plugin, file) => NUnitTestCaseReader.Read(reader, plugin, file));
                break;
            case "test-suite":
                FinishSuite(reader, id);
                break;
            case "test-run":
                var start = NUnitTestCaseReader.TimeOrNull(reader.GetAttribute("start-time"));
                var end = NUnitTestCaseReader.TimeOrNull(reader.GetAttribute("end-time"))
                          ?? start + NUnitTestCaseReader.SecondsOrNull(reader.GetAttribute("duration"));
                _emit(new NUnitRunFinished(start, end));
                break;
        }
    }

    private void StartAssembly(string id, string? name)
    {
        string file = Path.GetFileName(name ?? "tests.dll");
        var assembly = _only ?? new TestAssembly(_plugin ?? Path.GetFileNameWithoutExtension(file), file);
        _assemblies[Prefix(id)] = assembly;
        _emit(new NUnitAssemblyStarted(assembly.Plugin, assembly.File));
    }

    private void FinishSuite(XmlReader reader, string id)
    {
        if (AssemblyOf(id) is not { } assembly) return;
        bool isAssembly = reader.GetAttribute("type") == "Assembly";
        var start = NUnitTestCaseReader.TimeOrNull(reader.GetAttribute("start-time"));
        var duration = NUnitTestCaseReader.SecondsOrNull(reader.GetAttribute("duration"));
        if (NUnitTestCaseReader.SuiteFailedOnItsOwn(reader.GetAttribute("result"), reader.GetAttribute("site"), _suitesWithCases.Contains(id)))
            _emit(new NUnitTestFinished(NUnitTestCaseReader.Read(reader, assembly.Plugin, assembly.File)));
        if (!isAssembly) return;
        _assemblies.Remove(Prefix(id));
        _emit(new NUnitAssemblyFinished(assembly.Plugin, assembly.File, start, duration));
    }

    private void Output(XmlReader reader)
    {
        string id = reader.GetAttribute("testid") ?? reader.GetAttribute("id") ?? "";
        string test = reader.GetAttribute("testname") ?? "";
        var text = new HeadTailText(OutputLimits.MessageChars);
        text.Append(reader.ReadElementContentAsString());
        string plugin = AssemblyOf(id)?.Plugin ?? _plugin ?? "";
        _emit(new NUnitTestOutput(plugin, test.Length == 0 ? null : test, text.ToString().TrimEnd('\r', '\n')));
    }

    private void MarkAncestors(string parent)
    {
        for (string? at = parent; !string.IsNullOrEmpty(at) && _suitesWithCases.Add(at); _parentOf.TryGetValue(at, out at)) { }
    }

    /// <summary>NUnit ids are "&lt;assembly index&gt;-&lt;number&gt;": the prefix names the assembly.</summary>
    private TestAssembly? AssemblyOf(string id) =>
        _assemblies.TryGetValue(Prefix(id), out var assembly) ? assembly
        : _assemblies.Count == 1 ? _assemblies.Values.First()
        : _only;

    private static string Prefix(string id)
    {
        int dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? id : id[..dash];
    }

    private sealed record TestAssembly(string Plugin, string File);
}
