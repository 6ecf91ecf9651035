using NodeMonitor.Core.Results;

namespace NodeMonitor.Execution.NUnit;

/// <summary>
/// One NUnit test case (or a suite that failed on its own) as NUnit's XML for it carries it, gathered field by field
/// from the XML (<see cref="NUnitTestCaseReader"/>) or from NUnit's result objects (<see cref="NUnitResultObjects"/>),
/// then made into a <see cref="TestCaseResult"/> one way for both. Texts are kept by their XML path
/// (<c>failure/message</c>, <c>output</c>, ...) and capped as they are appended.
/// </summary>
internal sealed class NUnitCaseFields
{
    private readonly Dictionary<string, HeadTailText> _texts = [];
    private readonly List<string> _categories = [];
    private readonly List<KeyValuePair<string, string>> _properties = [];
    private readonly List<TestMetric> _metrics = [];
    private readonly List<string> _rejectedMetrics = [];

    public bool IsSuite { get; init; }
    public string? Name { get; init; }
    public required string FullName { get; init; }
    public string? RunState { get; init; }
    public required string ClassName { get; init; }
    public required string MethodName { get; init; }
    public TestOutcome Outcome { get; init; }
    public string? Label { get; init; }
    public string? Site { get; init; }
    public DateTimeOffset StartTime { get; init; }
    public TimeSpan Duration { get; init; }
    public int Asserts { get; init; }

    /// <summary>True for the texts a result keeps; others are not worth reading.</summary>
    public static bool IsKept(string path) => path is "failure/message" or "failure/stack-trace" or "reason/message"
        or "output" or "assertions/assertion/message" or "assertions/assertion/stack-trace";

    /// <summary>Appends to the text at <paramref name="path"/> (see <see cref="IsKept"/>); texts at one path run on.</summary>
    public void AppendText(string path, ReadOnlySpan<char> text)
    {
        if (!_texts.TryGetValue(path, out var kept))
            _texts[path] = kept = new HeadTailText(path == "output" ? OutputLimits.TestOutputChars : OutputLimits.MessageChars);
        kept.Append(text);
    }

    /// <summary>One NUnit property. NUnit-internal ones (_SKIPREASON, _JOINTYPE, ...) repeat what the message already says.</summary>
    public void AddProperty(string? name, string value)
    {
        if (string.IsNullOrEmpty(name) || name.StartsWith('_')) return;
        if (name == "Category") _categories.Add(value);
        else if (name == TestMetricJson.PropertyName) AddMetric(value);
        else _properties.Add(new(name, value));
    }

    public TestCaseResult ToResult(string plugin, string assembly)
    {
        string? message = Text("failure/message") ?? Text("reason/message") ?? Text("assertions/assertion/message");
        string? stackTrace = Text("failure/stack-trace") ?? Text("assertions/assertion/stack-trace");
        string? output = _texts.TryGetValue("output", out var o) ? o.ToString() : null;
        return new TestCaseResult(plugin, assembly, FullName, ClassName, MethodName, Outcome, Label, Site, StartTime, Duration,
            NullIfEmpty(message), NullIfEmpty(stackTrace), NullIfEmpty(output), Asserts, _categories, _properties)
        {
            Name = IsSuite ? null : Name,
            RunState = RunState,
            Metrics = _metrics,
            RejectedMetrics = _rejectedMetrics,
        };
    }

    private string? Text(string path) => _texts.TryGetValue(path, out var t) ? t.ToString().Trim() : null;

    private void AddMetric(string json)
    {
        try
        {
            _metrics.Add(TestMetricJson.Parse(json));
        }
        catch (FormatException e)
        {
            _rejectedMetrics.Add($"{OutputLimits.Cap(json, 500)}: {e.Message}");
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
