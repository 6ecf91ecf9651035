using System.Xml;
using NodeMonitor.Core.Ingestion;
using NodeMonitor.Core.Results;
using NodeMonitor.Execution.Protocol;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// Turns NUnit's XML event strings into protocol messages. Test cases map one to one, including the ones
/// NUnit fails on behalf of a broken [OneTimeSetUp] (site Parent). A suite that failed on its own
/// (a broken [OneTimeTearDown], a fixture NUnit cannot build) is reported as one suite-level result,
/// because otherwise nobody would see that failure.
/// </summary>
internal sealed class NUnitEventTranslator(string plugin, string assembly, Action<WorkerMessage> send, TextWriter diagnostics)
{
    // One name table for all events (used under the lock): element and attribute names are atomized once, not per event.
    private readonly XmlReaderSettings _readerSettings = new() { IgnoreComments = true, NameTable = new NameTable() };
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _parentOf = [];
    private readonly HashSet<string> _suitesWithCases = [];
    private readonly SuiteTree _suites = new();
    private ConsoleOutputLimiter? _limiter;

    /// <summary>Called by NUnit, possibly from several test threads at once.</summary>
    public void OnEvent(string xml)
    {
        try
        {
            lock (_gate) Translate(xml);
        }
        catch (Exception e) when (e is XmlException or FormatException)
        {
            diagnostics.WriteLine($"nodemonitor-worker: could not read an NUnit event ({e.Message}): {OutputLimits.Cap(xml, 500)}");
        }
    }

    private void Translate(string xml)
    {
        // The most frequent event needs one attribute: found without building a reader (half of all events).
        if (xml.StartsWith("<start-test ", StringComparison.Ordinal))
        {
            StartTest(RootAttribute.Value(xml, "fullname") ?? "");
            return;
        }
        // One reader per event: its root attributes are read once and the same reader reads a result.
        using var reader = XmlReader.Create(new StringReader(xml), _readerSettings);
        reader.MoveToContent();
        string id = reader.GetAttribute("id") ?? "";
        string parent = reader.GetAttribute("parentId") ?? "";
        switch (reader.LocalName)
        {
            case "test-case":
                MarkAncestors(parent);
                _suitesWithCases.Add(id);
                var result = NUnitTestCaseReader.Read(reader, plugin, assembly) with { Suites = _suites.PathTo(parent) };
                if (_limiter?.EndTest(result.FullName) is { } fullOutput) result = result with { Output = fullOutput };
                send(new TestFinishedMessage(result));
                break;
            case "start-test":
                StartTest(reader.GetAttribute("fullname") ?? "");
                break;
            case "test-output" or "test-message":
                ForwardOutput(reader);
                break;
            case "start-suite":
                if (parent.Length > 0) _parentOf[id] = parent;
                _suites.Started(id, parent, reader.GetAttribute("type") ?? "", reader.GetAttribute("name") ?? "",
                    reader.GetAttribute("fullname") ?? "", reader.GetAttribute("classname"));
                break;
            case "test-suite":
                if (NUnitTestCaseReader.SuiteFailedOnItsOwn(reader.GetAttribute("result"), reader.GetAttribute("site"), _suitesWithCases.Contains(id)))
                    send(new TestFinishedMessage(NUnitTestCaseReader.Read(reader, plugin, assembly)));
                break;
        }
    }

    private void StartTest(string fullName)
    {
        // Runs on the test's thread: NUnit's console capture is in place now.
        _limiter = ConsoleOutputLimiter.InstallOver(Console.Out, _limiter, out _);
        _limiter.BeginTest(fullName);
        send(new TestStartedMessage(fullName));
    }

    private void ForwardOutput(XmlReader reader)
    {
        string test = reader.GetAttribute("testname") ?? "";
        var text = new HeadTailText(OutputLimits.MessageChars);
        text.Append(reader.ReadElementContentAsString());
        if (test.Length == 0) diagnostics.Write(text.ToString());
        else send(new TestProgressMessage(test, text.ToString().TrimEnd('\r', '\n')));
    }

    private void MarkAncestors(string parent)
    {
        for (string? at = parent; !string.IsNullOrEmpty(at) && _suitesWithCases.Add(at); _parentOf.TryGetValue(at, out at)) { }
    }
}
