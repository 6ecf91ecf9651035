using System.Text;
using System.Xml;
using System.Xml.Linq;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Reporting;

/// <summary>The one registry of result format names and how each renders a run.</summary>
internal static class ResultFormats
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly IReadOnlyList<(string Name, ResultFormat Format, Action<RunResult, Stream> Write)> All =
    [
        ("nunit3", ResultFormat.NUnit3, (run, stream) => WriteXml(stream, writer => NUnit3ResultXml.Write(run, writer))),
        ("junit", ResultFormat.JUnit, (run, stream) => WriteXml(stream, JUnitResultXml.Build(run).Save)),
        ("json", ResultFormat.Json, (run, stream) => stream.Write(Utf8.GetBytes(RunResultJson.Serialize(run)))),
    ];

    public static IEnumerable<string> Names => All.Select(f => f.Name);

    public static ResultFormat Parse(string name, string context) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) is { Name: not null } found
            ? found.Format
            : throw new ConfigurationException($"unknown result format '{name}'; valid formats are: {string.Join(", ", Names)}", key: context);

    /// <summary>Writes <paramref name="run"/> in <paramref name="format"/> to <paramref name="stream"/> (UTF-8, no BOM).</summary>
    public static void Write(RunResult run, ResultFormat format, Stream stream) => All.Single(f => f.Format == format).Write(run, stream);

    /// <summary>Indented UTF-8 XML with its declaration, as nunit3-console writes it.</summary>
    public static string ToText(XDocument document) => TextOf(stream => WriteXml(stream, document.Save));

    /// <summary>What <paramref name="write"/> writes through the result files' XML writer, as text.</summary>
    internal static string ToText(Action<XmlWriter> write) => TextOf(stream => WriteXml(stream, write));

    private static string TextOf(Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        return Utf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteXml(Stream stream, Action<XmlWriter> write)
    {
        // Text is made XML-safe where it is put into the document (ResultText.ForXml), so the writer need not check it again.
        var settings = new XmlWriterSettings { Indent = true, Encoding = Utf8, NewLineChars = "\n", CheckCharacters = false, CloseOutput = false };
        using (var writer = XmlWriter.Create(stream, settings)) write(writer);
        stream.WriteByte((byte)'\n');
    }
}
