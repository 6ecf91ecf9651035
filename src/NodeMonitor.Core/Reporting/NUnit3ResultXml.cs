using System.Globalization;
using System.Xml;
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
/// The file is streamed through an <see cref="XmlWriter"/> (a 20,000-case run never exists as a document in memory);
/// <see cref="Build(RunResult)"/> makes the same XML as a document for callers that want one.
/// </remarks>
public static class NUnit3ResultXml
{
    public static XDocument Build(RunResult run) => Build(run, ResultEnvironment.Current);

    internal static XDocument Build(RunResult run, ResultEnvironment environment)
    {
        var document = new XDocument();
        using (var writer = document.CreateWriter()) Write(run, writer, environment);
        document.Declaration = new XDeclaration("1.0", "utf-8", "no"); // a document's writer keeps no declaration
        return document;
    }

    /// <summary>Writes the whole document (declaration included) to <paramref name="writer"/>.</summary>
    public static void Write(RunResult run, XmlWriter writer) => Write(run, writer, ResultEnvironment.Current);

    internal static void Write(RunResult run, XmlWriter writer, ResultEnvironment environment)
    {
        var ids = new IdSequence();
        var counts = run.Counts;
        writer.WriteStartDocument(standalone: false);
        writer.WriteStartElement("test-run");
        writer.WriteAttributeString("id", run.RunId);
        writer.WriteAttributeString("name", run.Node);
        writer.WriteAttributeString("fullname", $"{run.Node}/{run.RunId}");
        writer.WriteAttributeString("runstate", "Runnable");
        Attribute(writer, "testcasecount", counts.Total);
        writer.WriteAttributeString("result", run.Passed ? "Passed" : "Failed");
        CountAttributes(writer, counts, run.Plugins.SelectMany(p => p.Tests).Sum(t => t.Asserts));
        writer.WriteAttributeString("engine-version", environment.EngineVersion);
        writer.WriteAttributeString("clr-version", environment.ClrVersion);
        writer.WriteAttributeString("start-time", run.StartTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        writer.WriteAttributeString("end-time", run.EndTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        writer.WriteAttributeString("duration", ResultText.Seconds(run.Duration));
        TextElement(writer, "command-line", environment.CommandLine);

        foreach (var plugin in run.Plugins)
        {
            foreach (var assembly in AssembliesOf(plugin))
                Suite(writer, assembly, plugin, ids);
        }
        writer.WriteEndElement();
        writer.WriteEndDocument();
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

    private static void Suite(XmlWriter writer, SuiteNode suite, PluginResult plugin, IdSequence ids)
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

        writer.WriteStartElement("test-suite");
        writer.WriteAttributeString("type", suite.Type);
        writer.WriteAttributeString("id", ids.Next());
        writer.WriteAttributeString("name", suite.Name);
        writer.WriteAttributeString("fullname", suite.FullName);
        OptionalAttribute(writer, "classname", suite.ClassName);
        writer.WriteAttributeString("runstate", "Runnable");
        Attribute(writer, "testcasecount", tests.Count);
        writer.WriteAttributeString("result", verdict.Result);
        OptionalAttribute(writer, "label", verdict.Label);
        OptionalAttribute(writer, "site", verdict.Site);
        writer.WriteAttributeString("start-time", ResultText.Timestamp(start));
        writer.WriteAttributeString("end-time", ResultText.Timestamp(end));
        writer.WriteAttributeString("duration", ResultText.Seconds(end - start));
        CountAttributes(writer, counts, tests.Sum(t => t.Asserts));
        if (suite.Type == "Assembly")
        {
            writer.WriteStartElement("properties");
            Property(writer, "_PLUGIN", plugin.Name);
            writer.WriteEndElement();
        }
        if (verdict.Message is not null)
            MessageElement(writer, verdict.Result == "Failed" ? "failure" : "reason", verdict.Message, null);
        if (output is not null) TextElement(writer, "output", output);

        // Suites and cases in name order, as NUnit lists them.
        var children = suite.Suites.Select(s => (s.Name, Suite: (SuiteNode?)s, Case: (TestCaseResult?)null))
            .Concat(suite.Cases.Select(c => (Name: SuiteNode.CaseName(c), Suite: (SuiteNode?)null, Case: (TestCaseResult?)c)))
            .OrderBy(c => c.Name, StringComparer.Ordinal);
        foreach (var child in children)
        {
            if (child.Suite is not null) Suite(writer, child.Suite, plugin, ids);
            else TestCase(writer, child.Case!, ids);
        }
        writer.WriteEndElement();
    }

    private static void TestCase(XmlWriter writer, TestCaseResult test, IdSequence ids)
    {
        writer.WriteStartElement("test-case");
        writer.WriteAttributeString("id", ids.Next());
        writer.WriteAttributeString("name", SuiteNode.CaseName(test));
        writer.WriteAttributeString("fullname", test.FullName);
        writer.WriteAttributeString("methodname", test.MethodName);
        writer.WriteAttributeString("classname", test.ClassName);
        writer.WriteAttributeString("runstate", test.RunState ?? RunState(test));
        writer.WriteAttributeString("result", test.Outcome.ToString());
        OptionalAttribute(writer, "label", test.Label);
        OptionalAttribute(writer, "site", test.Site is "Test" ? null : test.Site);
        writer.WriteAttributeString("start-time", ResultText.Timestamp(test.StartTime));
        writer.WriteAttributeString("end-time", ResultText.Timestamp(test.StartTime + test.Duration));
        writer.WriteAttributeString("duration", ResultText.Seconds(test.Duration));
        Attribute(writer, "asserts", test.Asserts);

        if (test.Categories.Count > 0 || test.Properties.Count > 0 || test.Metrics.Count > 0)
        {
            writer.WriteStartElement("properties");
            foreach (string category in test.Categories) Property(writer, "Category", category);
            foreach (var (name, value) in test.Properties) Property(writer, name, value);
            // Samples in the form the plugin wrote them, so the file reads back (ingest) with its metrics.
            foreach (var metric in test.Metrics) Property(writer, TestMetricJson.PropertyName, TestMetricJson.ToJson(metric));
            writer.WriteEndElement();
        }
        if (test.Outcome == TestOutcome.Failed)
            MessageElement(writer, "failure", test.Message ?? "", test.StackTrace);
        else if (!string.IsNullOrWhiteSpace(test.Message))
            MessageElement(writer, "reason", test.Message, null);
        if (!string.IsNullOrEmpty(test.Output)) TextElement(writer, "output", test.Output);
        writer.WriteEndElement();
    }

    // For results that do not carry NUnit's run state (older stored results): a guess from the label.
    private static string RunState(TestCaseResult test) => test.Label switch
    {
        "Ignored" => "Ignored",
        "Explicit" => "Explicit",
        "Invalid" => "NotRunnable",
        _ => "Runnable",
    };

    private static void MessageElement(XmlWriter writer, string name, string message, string? stackTrace)
    {
        writer.WriteStartElement(name);
        TextElement(writer, "message", message);
        if (!string.IsNullOrEmpty(stackTrace)) TextElement(writer, "stack-trace", stackTrace);
        writer.WriteEndElement();
    }

    /// <summary>An element holding <paramref name="text"/> as CDATA, made XML-safe.</summary>
    private static void TextElement(XmlWriter writer, string name, string text)
    {
        writer.WriteStartElement(name);
        writer.WriteCData(ResultText.ForXml(text));
        writer.WriteEndElement();
    }

    private static void Property(XmlWriter writer, string name, string value)
    {
        writer.WriteStartElement("property");
        writer.WriteAttributeString("name", ResultText.ForXml(name));
        writer.WriteAttributeString("value", ResultText.ForXml(value));
        writer.WriteEndElement();
    }

    private static void Attribute(XmlWriter writer, string name, int value) =>
        writer.WriteAttributeString(name, value.ToString(CultureInfo.InvariantCulture));

    private static void OptionalAttribute(XmlWriter writer, string name, string? value)
    {
        if (value is not null) writer.WriteAttributeString(name, value);
    }

    private static void CountAttributes(XmlWriter writer, OutcomeCounts counts, int asserts)
    {
        Attribute(writer, "total", counts.Total);
        Attribute(writer, "passed", counts.Passed);
        Attribute(writer, "failed", counts.Failed);
        Attribute(writer, "warnings", counts.Warnings);
        Attribute(writer, "inconclusive", counts.Inconclusive);
        Attribute(writer, "skipped", counts.Skipped);
        Attribute(writer, "asserts", asserts);
    }

    /// <summary>Ids in document order, "0-1000", "0-1001", ... in NUnit's shape; unique within the file.</summary>
    private sealed class IdSequence
    {
        private int _next = 1000;
        public string Next() => $"0-{_next++}";
    }
}
