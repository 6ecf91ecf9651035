using System.Xml;
using System.Xml.Linq;
using NodeMonitor.Core.Listening;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Execution.NUnit;

/// <summary>
/// Reads an NUnit 3 result file (the <c>test-run</c> document written by nunit3-console, by NUnit3TestAdapter's
/// <c>NUnit.TestOutputXml</c>, or by NunitXml.TestLogger) into a <see cref="RunResult"/>: each
/// <c>test-suite type="Assembly"</c> becomes a plugin named after the assembly, each <c>test-case</c> a test,
/// and a suite that failed on its own a suite-level result. The file is replayed as the engine's events through
/// <see cref="NUnitEngineEvents"/>, so it counts exactly as the engine extension and the worker count.
/// </summary>
/// <remarks>Loads the document whole (with line numbers for errors); result files are megabytes, not gigabytes,
/// and each test's text is capped as it is read.</remarks>
public static class NUnitResultFile
{
    /// <summary>Deeper nesting is refused before the document is built: NUnit writes a few dozen levels at most, and
    /// building a document thousands of levels deep takes minutes.</summary>
    public const int MaxDepth = 256;

    /// <exception cref="NUnitResultFormatException">The file cannot be read, is not well-formed, or is not a test-run.</exception>
    public static RunResult Read(string path, string node)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        XDocument document;
        try
        {
            using (var scan = File.OpenRead(path)) ThrowIfTooDeep(scan, path);
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
        var run = new NUnitEngineEvents(node, new IgnoredEvents());
        new NUnitResultReplay(run.OnEvent, Path.GetFileNameWithoutExtension(path) + ".dll").Replay(root);
        return run.Result!;
    }

    /// <summary>One streaming pass; a file that is not well-formed fails here already, with its line.</summary>
    private static void ThrowIfTooDeep(Stream stream, string path)
    {
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, IgnoreWhitespace = true });
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth < MaxDepth) continue;
            var at = (IXmlLineInfo)reader;
            throw new NUnitResultFormatException(path, at.LineNumber, at.LinePosition,
                $"elements nested more than {MaxDepth} levels deep; NUnit result files are not");
        }
    }

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

    private sealed class IgnoredEvents : IRunListener
    {
        public void OnEvent(RunEvent runEvent) { }
    }
}
