using System.Globalization;
using System.Text;
using System.Xml;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Ingestion;

/// <summary>
/// Reads one NUnit 3 <c>test-case</c> element (or a <c>test-suite</c> that failed on its own) into a
/// <see cref="TestCaseResult"/>. Shared by the engine extension (one XML event at a time) and by
/// <see cref="NUnitResultFile"/> (elements of a whole result file), so both translate exactly alike.
/// Streams the element, so a test that printed 100 MB is capped while it is read, never copied whole.
/// </summary>
public static class NUnitTestCaseReader
{
    /// <summary>Reads the element <paramref name="reader"/> is positioned on (after MoveToContent) and its content.</summary>
    public static TestCaseResult Read(XmlReader reader, string plugin, string assembly)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.MoveToContent();
        bool isSuite = reader.LocalName == "test-suite";
        string? name = reader.GetAttribute("name");
        string fullName = reader.GetAttribute("fullname") ?? name ?? "";
        string? runState = reader.GetAttribute("runstate");
        string className = reader.GetAttribute("classname") ?? (isSuite ? fullName : "");
        string methodName = isSuite ? "" : reader.GetAttribute("methodname") ?? "";
        var outcome = ParseOutcome(reader.GetAttribute("result"));
        string? label = reader.GetAttribute("label");
        string? site = reader.GetAttribute("site");
        var start = ParseTime(reader.GetAttribute("start-time"));
        var duration = TimeSpan.FromSeconds(ParseDouble(reader.GetAttribute("duration")));
        int.TryParse(reader.GetAttribute("asserts"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int asserts);

        var texts = new Dictionary<string, HeadTailText>();
        var categories = new List<string>();
        var properties = new List<KeyValuePair<string, string>>();
        if (!reader.IsEmptyElement)
        {
            int depth = reader.Depth;
            var path = new Stack<string>();
            var buffer = new char[8192];
            while (reader.Read() && reader.Depth > depth)
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (reader.LocalName == "property" && path.Count == 1 && path.Peek() == "properties")
                            AddProperty(reader.GetAttribute("name"), reader.GetAttribute("value") ?? "", categories, properties);
                        if (!reader.IsEmptyElement) path.Push(reader.LocalName);
                        break;
                    case XmlNodeType.EndElement:
                        path.Pop();
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                        string key = string.Join('/', path.Reverse());
                        if (!texts.TryGetValue(key, out var text))
                        {
                            if (!IsKept(key)) break;
                            texts[key] = text = new HeadTailText(key == "output" ? OutputLimits.TestOutputChars : OutputLimits.MessageChars);
                        }
                        // An XElement's reader (result files) holds the text already and cannot stream it.
                        if (!reader.CanReadValueChunk) { text.Append(reader.Value); break; }
                        int read;
                        while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0) text.Append(buffer.AsSpan(0, read));
                        break;
                }
            }
        }

        string? Text(string key) => texts.TryGetValue(key, out var t) ? t.ToString().Trim() : null;
        string? message = Text("failure/message") ?? Text("reason/message") ?? Text("assertions/assertion/message");
        string? stackTrace = Text("failure/stack-trace") ?? Text("assertions/assertion/stack-trace");
        string? output = texts.TryGetValue("output", out var o) ? o.ToString() : null;
        return new TestCaseResult(plugin, assembly, fullName, className, methodName, outcome, label, site, start, duration,
            NullIfEmpty(message), NullIfEmpty(stackTrace), NullIfEmpty(output), asserts, categories, properties)
        {
            Name = isSuite ? null : name,
            RunState = runState,
        };
    }

    /// <summary>Reads one XML event string, as the NUnit engine hands it to a listener.</summary>
    public static TestCaseResult Read(string xml, string plugin, string assembly)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { IgnoreComments = true });
        return Read(reader, plugin, assembly);
    }

    /// <summary>
    /// True when a suite's failure is its own and would otherwise go unseen: a broken [OneTimeTearDown], or a
    /// failed suite without any test case under it (a fixture NUnit could not build). A failed [OneTimeSetUp]
    /// already fails each test case (site Parent), so it is not counted twice.
    /// </summary>
    public static bool SuiteFailedOnItsOwn(string? result, string? site, bool hasTestCases) =>
        result == "Failed" && (site == "TearDown" || (site != "Child" && !hasTestCases));

    /// <summary>NUnit's result attribute as an outcome; anything unknown counts as Failed so it is never hidden.</summary>
    public static TestOutcome ParseOutcome(string? result) => result switch
    {
        "Passed" => TestOutcome.Passed,
        "Warning" => TestOutcome.Warning,
        "Inconclusive" => TestOutcome.Inconclusive,
        "Skipped" => TestOutcome.Skipped,
        _ => TestOutcome.Failed,
    };

    private static bool IsKept(string key) => key is "failure/message" or "failure/stack-trace" or "reason/message"
        or "output" or "assertions/assertion/message" or "assertions/assertion/stack-trace";

    // NUnit-internal properties (_SKIPREASON, _JOINTYPE, ...) repeat what the message already says.
    private static void AddProperty(string? name, string value, List<string> categories, List<KeyValuePair<string, string>> properties)
    {
        if (string.IsNullOrEmpty(name) || name.StartsWith('_')) return;
        if (name == "Category") categories.Add(value);
        else properties.Add(new(name, value));
    }

    private static DateTimeOffset ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : DateTimeOffset.UtcNow;

    private static double ParseDouble(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : 0;

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
