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
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _parentOf = [];
    private readonly HashSet<string> _suitesWithCases = [];
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
        string element = xml.AsSpan().TrimStart()[1..].ToString();
        if (element.StartsWith("test-case", StringComparison.Ordinal))
        {
            var (id, parent) = Ids(xml);
            MarkAncestors(parent);
            _suitesWithCases.Add(id);
            var result = NUnitTestCaseReader.Read(xml, plugin, assembly);
            if (_limiter?.EndTest(result.FullName) is { } fullOutput) result = result with { Output = fullOutput };
            send(new TestFinishedMessage(result));
        }
        else if (element.StartsWith("start-test", StringComparison.Ordinal))
        {
            string fullName = Attribute(xml, "fullname") ?? "";
            // Runs on the test's thread: NUnit's console capture is in place now.
            _limiter = ConsoleOutputLimiter.InstallOver(Console.Out, _limiter, out _);
            _limiter.BeginTest(fullName);
            send(new TestStartedMessage(fullName));
        }
        else if (element.StartsWith("test-output", StringComparison.Ordinal) || element.StartsWith("test-message", StringComparison.Ordinal))
        {
            ForwardOutput(xml);
        }
        else if (element.StartsWith("start-suite", StringComparison.Ordinal))
        {
            var (id, parent) = Ids(xml);
            if (parent.Length > 0) _parentOf[id] = parent;
        }
        else if (element.StartsWith("test-suite", StringComparison.Ordinal))
        {
            ReportSuiteFailure(xml);
        }
    }

    private void ReportSuiteFailure(string xml)
    {
        var (id, _) = Ids(xml);
        if (!NUnitTestCaseReader.SuiteFailedOnItsOwn(Attribute(xml, "result"), Attribute(xml, "site"), _suitesWithCases.Contains(id))) return;
        send(new TestFinishedMessage(NUnitTestCaseReader.Read(xml, plugin, assembly)));
    }

    private void ForwardOutput(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml));
        reader.MoveToContent();
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

    private static (string Id, string Parent) Ids(string xml) => (Attribute(xml, "id") ?? "", Attribute(xml, "parentId") ?? "");

    /// <summary>An attribute of the root element, read without building a document.</summary>
    private static string? Attribute(string xml, string name)
    {
        using var reader = XmlReader.Create(new StringReader(xml));
        reader.MoveToContent();
        return reader.GetAttribute(name);
    }
}
