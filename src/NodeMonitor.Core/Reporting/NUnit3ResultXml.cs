using System.Globalization;
using System.Xml.Linq;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Reporting;

/// <summary>
/// The NUnit 3 result XML nunit3-console writes (test-run, Assembly/TestSuite/TestFixture/ParameterizedMethod
/// suites, test-case), so every tool that reads TestResult.xml reads NodeMonitor's.
/// </summary>
/// <remarks>
/// Suite results follow NUnit's rules: a failed child fails the suite ("One or more child tests had errors"),
/// else a warning makes it Warning, else an ignored child makes it Skipped/Ignored, else a passed child Passed.
/// A plugin that crashed, timed out or did not load marks its assembly suites Failed (label Error, or
/// Invalid with site SetUp for a load failure, as NUnit reports an assembly it cannot load) with the reason
/// as the failure message and the worker's captured output as the suite's output.
/// </remarks>
public static class NUnit3ResultXml
{
    public static XDocument Build(RunResult run) => Build(run, ResultEnvironment.Current);

    internal static XDocument Build(RunResult run, ResultEnvironment environment)
    {
        var ids = new IdSequence();
        var counts = run.Counts;
        var testRun = new XElement("test-run",
            new XAttribute("id", run.RunId),
            new XAttribute("name", run.Node),
            new XAttribute("fullname", $"{run.Node}/{run.RunId}"),
            new XAttribute("runstate", "Runnable"),
            new XAttribute("testcasecount", counts.Total),
            new XAttribute("result", run.Passed ? "Passed" : "Failed"),
            CountAttributes(counts, run.Plugins.SelectMany(p => p.Tests).Sum(t => t.Asserts)),
            new XAttribute("engine-version", environment.EngineVersion),
            new XAttribute("clr-version", environment.ClrVersion),
            new XAttribute("start-time", run.StartTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new XAttribute("end-time", run.EndTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new XAttribute("duration", ResultText.Seconds(run.Duration)),
            new XElement("command-line", new XCData(ResultText.ForXml(environment.CommandLine))));

        foreach (var plugin in run.Plugins)
        {
            foreach (var assembly in AssembliesOf(plugin))
                testRun.Add(Suite(assembly, plugin, ids));
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", "no"), testRun);
    }

    /// <summary>One Assembly suite per assembly the plugin has or that its results name; at least one, so an error has a place.</summary>
    private static IEnumerable<SuiteNode> AssembliesOf(PluginResult plugin)
    {
        var fullNames = new List<string>(plugin.Assemblies);
        foreach (string name in plugin.Tests.Select(t => t.Assembly).Distinct(StringComparer.Ordinal))
        {
            if (!fullNames.Any(f => Path.GetFileName(f) == name)) fullNames.Add(name);
        }
        if (fullNames.Count == 0) fullNames.Add(plugin.Name);
        return fullNames.Select(fullName =>
        {
            string name = Path.GetFileName(fullName);
            return SuiteNode.ForAssembly(name, fullName, plugin.Tests.Where(t => t.Assembly == name || (fullNames.Count == 1 && t.Assembly.Length == 0)));
        });
    }

    private static XElement Suite(SuiteNode suite, PluginResult plugin, IdSequence ids)
    {
        var tests = suite.AllCases.ToList();
        var counts = OutcomeCounts.From(tests);
        var verdict = SuiteVerdict.From(tests);
        string? output = null;
        if (suite.Type == "Assembly" && plugin.Errored)
        {
            verdict = plugin.Status == PluginStatus.LoadFailed
                ? new SuiteVerdict("Failed", "Invalid", "SetUp", ResultText.PluginError(plugin))
                : new SuiteVerdict("Failed", "Error", null, ResultText.PluginError(plugin));
            output = plugin.CapturedOutput;
        }
        var (start, end) = suite.Type == "Assembly" || tests.Count == 0
            ? (plugin.StartTime, plugin.StartTime + plugin.Duration)
            : (tests.Min(t => t.StartTime), tests.Max(t => t.StartTime + t.Duration));

        var element = new XElement("test-suite",
            new XAttribute("type", suite.Type),
            new XAttribute("id", ids.Next()),
            new XAttribute("name", suite.Name),
            new XAttribute("fullname", suite.FullName),
            suite.ClassName is null ? null : new XAttribute("classname", suite.ClassName),
            new XAttribute("runstate", "Runnable"),
            new XAttribute("testcasecount", tests.Count),
            new XAttribute("result", verdict.Result),
            verdict.Label is null ? null : new XAttribute("label", verdict.Label),
            verdict.Site is null ? null : new XAttribute("site", verdict.Site),
            new XAttribute("start-time", ResultText.Timestamp(start)),
            new XAttribute("end-time", ResultText.Timestamp(end)),
            new XAttribute("duration", ResultText.Seconds(end - start)),
            CountAttributes(counts, tests.Sum(t => t.Asserts)));
        if (suite.Type == "Assembly")
            element.Add(new XElement("properties", Property("_PLUGIN", plugin.Name)));
        if (verdict.Message is not null)
            element.Add(MessageElement(verdict.Result == "Failed" ? "failure" : "reason", verdict.Message, null));
        if (output is not null)
            element.Add(new XElement("output", new XCData(ResultText.ForXml(output))));

        // Suites and cases in name order, as NUnit lists them.
        var children = suite.Suites.Select(s => (s.Name, Build: (Func<XElement>)(() => Suite(s, plugin, ids))))
            .Concat(suite.Cases.Select(c => (Name: SuiteNode.CaseName(c), Build: (Func<XElement>)(() => TestCase(c, ids)))))
            .OrderBy(c => c.Name, StringComparer.Ordinal);
        foreach (var child in children) element.Add(child.Build());
        return element;
    }

    private static XElement TestCase(TestCaseResult test, IdSequence ids)
    {
        var element = new XElement("test-case",
            new XAttribute("id", ids.Next()),
            new XAttribute("name", SuiteNode.CaseName(test)),
            new XAttribute("fullname", test.FullName),
            new XAttribute("methodname", test.MethodName),
            new XAttribute("classname", test.ClassName),
            new XAttribute("runstate", test.RunState ?? RunState(test)),
            new XAttribute("result", test.Outcome.ToString()),
            test.Label is null ? null : new XAttribute("label", test.Label),
            test.Site is null or "Test" ? null : new XAttribute("site", test.Site),
            new XAttribute("start-time", ResultText.Timestamp(test.StartTime)),
            new XAttribute("end-time", ResultText.Timestamp(test.StartTime + test.Duration)),
            new XAttribute("duration", ResultText.Seconds(test.Duration)),
            new XAttribute("asserts", test.Asserts));

        var properties = test.Categories.Select(c => Property("Category", c))
            .Concat(test.Properties.Select(p => Property(p.Key, p.Value)))
            .ToList();
        if (properties.Count > 0) element.Add(new XElement("properties", properties));
        if (test.Outcome == TestOutcome.Failed)
            element.Add(MessageElement("failure", test.Message ?? "", test.StackTrace));
        else if (!string.IsNullOrWhiteSpace(test.Message))
            element.Add(MessageElement("reason", test.Message, null));
        if (!string.IsNullOrEmpty(test.Output))
            element.Add(new XElement("output", new XCData(ResultText.ForXml(test.Output))));
        return element;
    }

    // For results that do not carry NUnit's run state (older stored results): a guess from the label.
    private static string RunState(TestCaseResult test) => test.Label switch
    {
        "Ignored" => "Ignored",
        "Explicit" => "Explicit",
        "Invalid" => "NotRunnable",
        _ => "Runnable",
    };

    private static XElement MessageElement(string name, string message, string? stackTrace) =>
        new(name,
            new XElement("message", new XCData(ResultText.ForXml(message))),
            string.IsNullOrEmpty(stackTrace) ? null : new XElement("stack-trace", new XCData(ResultText.ForXml(stackTrace))));

    private static XElement Property(string name, string value) =>
        new("property", new XAttribute("name", ResultText.ForXml(name)), new XAttribute("value", ResultText.ForXml(value)));

    private static object[] CountAttributes(OutcomeCounts counts, int asserts) =>
    [
        new XAttribute("total", counts.Total),
        new XAttribute("passed", counts.Passed),
        new XAttribute("failed", counts.Failed),
        new XAttribute("warnings", counts.Warnings),
        new XAttribute("inconclusive", counts.Inconclusive),
        new XAttribute("skipped", counts.Skipped),
        new XAttribute("asserts", asserts),
    ];

    /// <summary>Ids in document order, "0-1000", "0-1001", ... in NUnit's shape; unique within the file.</summary>
    private sealed class IdSequence
    {
        private int _next = 1000;
        public string Next() => $"0-{_next++}";
    }
}
