using System.Globalization;
using System.Xml.Linq;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Reporting;

/// <summary>
/// JUnit XML as CI systems read it (Jenkins, GitLab, GitHub actions): one testsuite per plugin.
/// </summary>
/// <remarks>
/// Mapping: Failed becomes <c>failure</c>, or <c>error</c> when NUnit labelled it Error (an unexpected
/// exception), as JUnit separates the two. Warning counts as passed (JUnit has no warning) and its message
/// goes to the testcase's system-out, prefixed "Warning:", so it stays visible without failing the build.
/// Inconclusive and Skipped become <c>skipped</c>. A plugin that crashed, timed out or did not load adds a
/// testcase named after its error with an <c>error</c> element, so CI shows it like any failing test.
/// </remarks>
public static class JUnitResultXml
{
    public static XDocument Build(RunResult run)
    {
        var suites = run.Plugins.Select((plugin, index) => Suite(plugin, index, run.Node)).ToList();
        var root = new XElement("testsuites",
            new XAttribute("name", $"nodemonitor {run.Node}"),
            new XAttribute("tests", suites.Sum(s => (int)s.Attribute("tests")!)),
            new XAttribute("failures", suites.Sum(s => (int)s.Attribute("failures")!)),
            new XAttribute("errors", suites.Sum(s => (int)s.Attribute("errors")!)),
            new XAttribute("skipped", suites.Sum(s => (int)s.Attribute("skipped")!)),
            new XAttribute("time", Seconds(run.Duration)),
            new XAttribute("timestamp", Timestamp(run.StartTime)),
            suites);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    private static XElement Suite(PluginResult plugin, int index, string node)
    {
        var cases = plugin.Tests.Select(TestCase).ToList();
        if (plugin.Errored) cases.Add(PluginErrorCase(plugin));
        return new XElement("testsuite",
            new XAttribute("name", plugin.Name),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
            new XAttribute("errors", cases.Count(c => c.Element("error") is not null)),
            new XAttribute("skipped", cases.Count(c => c.Element("skipped") is not null)),
            new XAttribute("time", Seconds(plugin.Duration)),
            new XAttribute("timestamp", Timestamp(plugin.StartTime)),
            new XAttribute("hostname", node),
            new XAttribute("id", index),
            cases);
    }

    private static XElement TestCase(TestCaseResult test)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", test.ClassName),
            new XAttribute("name", SuiteNode.CaseName(test)),
            new XAttribute("time", Seconds(test.Duration)));
        string message = Clean(test.Message ?? "");
        switch (test.Outcome)
        {
            case TestOutcome.Failed:
                bool isError = test.Label == "Error";
                element.Add(new XElement(isError ? "error" : "failure",
                    new XAttribute("message", FirstLine(message)),
                    new XAttribute("type", isError ? "Error" : "Failure"),
                    string.Join("\n", new[] { message, Clean(test.StackTrace ?? "") }.Where(s => s.Length > 0))));
                break;
            case TestOutcome.Inconclusive:
            case TestOutcome.Skipped:
                element.Add(new XElement("skipped", new XAttribute("message", message.Length > 0 ? message : test.Outcome.ToString())));
                break;
        }
        string output = test.Outcome == TestOutcome.Warning && message.Length > 0
            ? $"Warning: {message}\n{test.Output}"
            : test.Output ?? "";
        if (output.Length > 0) element.Add(new XElement("system-out", Clean(output)));
        return element;
    }

    private static XElement PluginErrorCase(PluginResult plugin)
    {
        string reason = Clean(ResultText.PluginError(plugin));
        return new XElement("testcase",
            new XAttribute("classname", plugin.Name),
            new XAttribute("name", $"{plugin.Name} ({plugin.Status})"),
            new XAttribute("time", Seconds(plugin.Duration)),
            new XElement("error", new XAttribute("message", reason), new XAttribute("type", plugin.Status.ToString()), reason),
            string.IsNullOrEmpty(plugin.CapturedOutput) ? null : new XElement("system-out", Clean(plugin.CapturedOutput)));
    }

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string FirstLine(string text)
    {
        string trimmed = text.Trim();
        int newline = trimmed.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? trimmed : trimmed[..newline].TrimEnd('\r');
    }

    private static string Clean(string text) => ResultText.ForXml(text);
}
