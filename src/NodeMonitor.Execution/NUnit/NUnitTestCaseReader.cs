using System.Globalization;
using System.Xml;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Execution.NUnit;

/// <summary>
/// Reads one NUnit 3 <c>test-case</c> element (or a <c>test-suite</c> that failed on its own) into a
/// <see cref="TestCaseResult"/>, for <see cref="NUnitEventTranslator"/>: the worker, the engine extension and
/// result files translate exactly alike (and alike with NUnit's result objects read in the worker, through
/// <see cref="NUnitCaseFields"/>). Metric samples (<see cref="TestMetricJson.PropertyName"/> properties) are parsed once,
/// into <see cref="TestCaseResult.Metrics"/>.
/// Streams the element, so a test that printed 100 MB is capped while it is read, never copied whole.
/// </summary>
internal static class NUnitTestCaseReader
{
    /// <summary>Reads the element <paramref name="reader"/> is positioned on (after MoveToContent) and its content.</summary>
    public static TestCaseResult Read(XmlReader reader, string plugin, string assembly)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.MoveToContent();
        bool isSuite = reader.LocalName == "test-suite";
        string? name = reader.GetAttribute("name");
        string fullName = reader.GetAttribute("fullname") ?? name ?? "";
        int.TryParse(reader.GetAttribute("asserts"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int asserts);
        var fields = new NUnitCaseFields
        {
            IsSuite = isSuite,
            Name = name,
            FullName = fullName,
            RunState = reader.GetAttribute("runstate"),
            ClassName = reader.GetAttribute("classname") ?? (isSuite ? fullName : ""),
            MethodName = isSuite ? "" : reader.GetAttribute("methodname") ?? "",
            Outcome = ParseOutcome(reader.GetAttribute("result")),
            Label = reader.GetAttribute("label"),
            Site = reader.GetAttribute("site"),
            StartTime = ParseTime(reader.GetAttribute("start-time")),
            Duration = SecondsOrNull(reader.GetAttribute("duration")) ?? TimeSpan.Zero,
            Asserts = asserts,
        };
        if (!reader.IsEmptyElement) ReadContent(reader, fields);
        return fields.ToResult(plugin, assembly);
    }

    private static void ReadContent(XmlReader reader, NUnitCaseFields fields)
    {
        int depth = reader.Depth;
        var path = new Stack<string>();
        char[]? buffer = null;
        while (reader.Read() && reader.Depth > depth)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (reader.LocalName == "property" && path.Count == 1 && path.Peek() == "properties")
                        fields.AddProperty(reader.GetAttribute("name"), reader.GetAttribute("value") ?? "");
                    if (!reader.IsEmptyElement) path.Push(reader.LocalName);
                    break;
                case XmlNodeType.EndElement:
                    path.Pop();
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    string key = string.Join('/', path.Reverse());
                    if (!NUnitCaseFields.IsKept(key)) break;
                    buffer ??= new char[8192];
                    int read;
                    while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0) fields.AppendText(key, buffer.AsSpan(0, read));
                    break;
            }
        }
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

    /// <summary>An NUnit time attribute; null when absent or unreadable.</summary>
    public static DateTimeOffset? TimeOrNull(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;

    /// <summary>An NUnit duration attribute (seconds); null when absent, unreadable or negative.</summary>
    public static TimeSpan? SecondsOrNull(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s >= 0 && s < TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(s) : null;

    private static DateTimeOffset ParseTime(string? text) => TimeOrNull(text) ?? DateTimeOffset.UtcNow;
}
