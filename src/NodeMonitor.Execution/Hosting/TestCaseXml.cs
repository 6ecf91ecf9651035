using System.Globalization;
using System.Xml;
using NodeMonitor.Core.Results;
using NodeMonitor.Execution.Capture;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// Reads one NUnit <c>test-case</c> (or failed <c>test-suite</c>) element into a <see cref="TestCaseResult"/>.
/// Streams the element with an XmlReader so that a test printing 100 MB is capped while it is read,
/// never copied whole.
/// </summary>
internal static class TestCaseXml
{
    public static TestCaseResult Read(string xml, string plugin, string assembly)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { IgnoreComments = true });
        reader.MoveToContent();
        bool isSuite = reader.LocalName == "test-suite";
        string fullName = reader.GetAttribute("fullname") ?? reader.GetAttribute("name") ?? "";
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
        var path = new Stack<string>();
        if (reader.IsEmptyElement) return Build();
        var buffer = new char[8192];
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (reader.LocalName == "property" && path.Count == 1 && path.Peek() == "properties")
                    {
                        AddProperty(reader.GetAttribute("name"), reader.GetAttribute("value") ?? "", categories, properties);
                    }
                    if (!reader.IsEmptyElement) path.Push(reader.LocalName);
                    break;
                case XmlNodeType.EndElement:
                    if (path.Count == 0) return Build();
                    path.Pop();
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    string key = string.Join('/', path.Reverse());
                    if (!texts.TryGetValue(key, out var text))
                    {
                        if (!IsKept(key)) break;
                        texts[key] = text = new HeadTailText(key == "output" ? OutputLimits.TestOutputChars : OutputLimits.MessageChars);
                    }
                    int read;
                    while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0) text.Append(buffer.AsSpan(0, read));
                    break;
            }
        }
        return Build();

        TestCaseResult Build()
        {
            string? Text(string key) => texts.TryGetValue(key, out var t) ? t.ToString().Trim() : null;
            string? message = Text("failure/message") ?? Text("reason/message") ?? Text("assertions/assertion/message");
            string? stackTrace = Text("failure/stack-trace") ?? Text("assertions/assertion/stack-trace");
            string? output = texts.TryGetValue("output", out var o) ? o.ToString() : null;
            return new TestCaseResult(plugin, assembly, fullName, className, methodName, outcome, label, site, start, duration,
                NullIfEmpty(message), NullIfEmpty(stackTrace), NullIfEmpty(output), asserts, categories, properties);
        }
    }

    private static bool IsKept(string key) => key is "failure/message" or "failure/stack-trace" or "reason/message"
        or "output" or "assertions/assertion/message" or "assertions/assertion/stack-trace";

    // NUnit-internal properties (_SKIPREASON, _JOINTYPE, ...) repeat what the message already says.
    private static void AddProperty(string? name, string value, List<string> categories, List<KeyValuePair<string, string>> properties)
    {
        if (string.IsNullOrEmpty(name) || name.StartsWith('_')) return;
        if (name == "Category") categories.Add(value);
        else properties.Add(new(name, value));
    }

    public static TestOutcome ParseOutcome(string? result) => result switch
    {
        "Passed" => TestOutcome.Passed,
        "Warning" => TestOutcome.Warning,
        "Inconclusive" => TestOutcome.Inconclusive,
        "Skipped" => TestOutcome.Skipped,
        _ => TestOutcome.Failed,
    };

    private static DateTimeOffset ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : DateTimeOffset.UtcNow;

    private static double ParseDouble(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : 0;

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
