using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Ingestion;

/// <summary>
/// Reads an NUnit 3 result file (the <c>test-run</c> document written by nunit3-console, by NUnit3TestAdapter's
/// <c>NUnit.TestOutputXml</c>, or by NunitXml.TestLogger) into a <see cref="RunResult"/>: each
/// <c>test-suite type="Assembly"</c> becomes a plugin named after the assembly, each <c>test-case</c> a test,
/// and a suite that failed on its own a suite-level result, exactly as the engine extension and the worker count.
/// </summary>
/// <remarks>Loads the document whole (with line numbers for errors); result files are megabytes, not gigabytes,
/// and each test's text is capped as it is read.</remarks>
public static class NUnitResultFile
{
    /// <exception cref="NUnitResultFormatException">The file cannot be read, is not well-formed, or is not a test-run.</exception>
    public static RunResult Read(string path, string node)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        XDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = XDocument.Load(stream, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new NUnitResultFormatException(path, e.LineNumber, e.LinePosition, $"not well-formed XML: {Reason(e)}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NUnitResultFormatException(path, 0, 0, $"cannot read the file: {e.Message}", e);
        }
        return FromDocument(document, path, node);
    }

    private static RunResult FromDocument(XDocument document, string path, string node)
    {
        var root = document.Root!;
        if (root.Name.LocalName != "test-run")
            throw Invalid(path, root, $"expected an NUnit 3 result file with a <test-run> root element, found <{root.Name.LocalName}>");

        var runStart = Time(root.Attribute("start-time")) ?? DateTimeOffset.UtcNow;
        var runEnd = Time(root.Attribute("end-time")) ?? runStart + Seconds(root.Attribute("duration"));
        string fallbackPlugin = Path.GetFileNameWithoutExtension(path);

        var plugins = new Dictionary<XElement, List<TestCaseResult>>();
        var loose = new List<TestCaseResult>();
        foreach (var element in root.Descendants())
        {
            bool isCase = element.Name.LocalName == "test-case";
            bool isOwnSuiteFailure = element.Name.LocalName == "test-suite" && NUnitTestCaseReader.SuiteFailedOnItsOwn(
                (string?)element.Attribute("result"), (string?)element.Attribute("site"), element.Descendants("test-case").Any());
            var assembly = AssemblyOf(element);
            if (element.Name.LocalName == "test-suite" && element == assembly && !plugins.ContainsKey(element))
                plugins[element] = [];
            if (!isCase && !isOwnSuiteFailure) continue;

            string assemblyFile = assembly is null ? fallbackPlugin + ".dll" : AssemblyFile(assembly);
            string plugin = Path.GetFileNameWithoutExtension(assemblyFile);
            using var reader = element.CreateReader();
            var result = NUnitTestCaseReader.Read(reader, plugin, assemblyFile);
            if (isCase) result = result with { Suites = EnclosingSuites(element, assembly) };
            if (assembly is null) loose.Add(result);
            else plugins[assembly].Add(result);
        }

        var results = plugins.Select(p => Plugin(p.Key, AssemblyFile(p.Key), p.Value, runStart)).ToList();
        if (loose.Count > 0) results.Add(Plugin(null, fallbackPlugin + ".dll", loose, runStart));
        return new RunResult(RunResult.NewRunId(runStart), node, runStart, runEnd,
            results.OrderBy(r => r.Name, StringComparer.Ordinal).ToList());
    }

    private static PluginResult Plugin(XElement? suite, string assemblyFile, List<TestCaseResult> tests, DateTimeOffset runStart)
    {
        var start = Time(suite?.Attribute("start-time")) ?? runStart;
        return new PluginResult(Path.GetFileNameWithoutExtension(assemblyFile), [assemblyFile], PluginStatus.Completed,
            null, null, null, start, Seconds(suite?.Attribute("duration")), tests);
    }

    private static List<EnclosingSuite> EnclosingSuites(XElement testCase, XElement? assembly) =>
        testCase.Ancestors("test-suite").TakeWhile(s => s != assembly).Reverse()
            .Select(s => new EnclosingSuite((string?)s.Attribute("type") ?? "TestSuite", (string?)s.Attribute("name") ?? "",
                (string?)s.Attribute("fullname") ?? "", (string?)s.Attribute("classname")))
            .ToList();

    private static XElement? AssemblyOf(XElement element) =>
        element.AncestorsAndSelf("test-suite").FirstOrDefault(s => (string?)s.Attribute("type") == "Assembly");

    private static string AssemblyFile(XElement assembly) =>
        Path.GetFileName((string?)assembly.Attribute("name") ?? (string?)assembly.Attribute("fullname") ?? "tests.dll");

    private static DateTimeOffset? Time(XAttribute? attribute) =>
        DateTimeOffset.TryParse(attribute?.Value, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;

    private static TimeSpan Seconds(XAttribute? attribute) =>
        double.TryParse(attribute?.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s >= 0
            ? TimeSpan.FromSeconds(s) : TimeSpan.Zero;

    private static NUnitResultFormatException Invalid(string path, XElement at, string problem)
    {
        var info = (IXmlLineInfo)at;
        return new NUnitResultFormatException(path, info.LineNumber, info.LinePosition, problem);
    }

    /// <summary>XmlException's message repeats "Line n, position m."; the caller already says where.</summary>
    private static string Reason(XmlException e)
    {
        string message = e.Message;
        int at = message.IndexOf(" Line ", StringComparison.Ordinal);
        return at > 0 ? message[..at].TrimEnd() : message;
    }
}
