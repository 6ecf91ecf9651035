using System.Text;
using System.Xml;
using System.Xml.Linq;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Reporting;

/// <summary>The one registry of result format names and how each renders a run.</summary>
internal static class ResultFormats
{
    private static readonly IReadOnlyList<(string Name, ResultFormat Format, Func<RunResult, string> Render)> All =
    [
        ("nunit3", ResultFormat.NUnit3, run => ToText(NUnit3ResultXml.Build(run))),
        ("junit", ResultFormat.JUnit, run => ToText(JUnitResultXml.Build(run))),
        ("json", ResultFormat.Json, RunResultJson.Serialize),
    ];

    public static IEnumerable<string> Names => All.Select(f => f.Name);

    public static ResultFormat Parse(string name, string context) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) is { Name: not null } found
            ? found.Format
            : throw new ConfigurationException($"unknown result format '{name}'; valid formats are: {string.Join(", ", Names)}", key: context);

    public static string Render(RunResult run, ResultFormat format) => All.Single(f => f.Format == format).Render(run);

    /// <summary>Indented UTF-8 XML with its declaration, as nunit3-console writes it.</summary>
    public static string ToText(XDocument document)
    {
        // Text is made XML-safe where it is put into the document (ResultText.ForXml), so the writer need not check it again.
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n", CheckCharacters = false };
        using var text = new Utf8StringWriter();
        using (var writer = XmlWriter.Create(text, settings)) document.Save(writer);
        return text.ToString() + "\n";
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
