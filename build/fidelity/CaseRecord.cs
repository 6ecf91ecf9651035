using System.Xml.Linq;

namespace NodeMonitor.FidelityCompare;

/// <summary>What one test-case of an NUnit 3 result file says, in the fields a user relies on.</summary>
public sealed record CaseRecord(
    string Name, string FullName, string Parent, string Result, string Label, string Site, string RunState,
    string Message, string Asserts, string Output)
{
    public static readonly string[] FieldNames = ["name", "fullname", "parent", "result", "label", "site", "runstate", "message", "asserts", "output"];

    public string[] Fields => [Name, FullName, Parent, Result, Label, Site, RunState, Message, Asserts, Output];

    /// <summary>Every test-case of the document, in document order.</summary>
    public static IReadOnlyList<CaseRecord> ReadAll(XDocument document) =>
        document.Descendants("test-case").Select(From).ToList();

    private static CaseRecord From(XElement c)
    {
        var parent = c.Parent;
        string parentText = parent is null ? "" : $"{Attr(parent, "type")} {Attr(parent, "fullname")}";
        string message = (string?)c.Element("failure")?.Element("message") ?? (string?)c.Element("reason")?.Element("message")
            ?? (string?)c.Element("assertions")?.Element("assertion")?.Element("message") ?? "";
        return new CaseRecord(Attr(c, "name"), Attr(c, "fullname"), parentText, Attr(c, "result"), Attr(c, "label"), Attr(c, "site"),
            Attr(c, "runstate"), Normalize(message), Attr(c, "asserts"), Normalize((string?)c.Element("output") ?? ""));
    }

    private static string Attr(XElement e, string name) => (string?)e.Attribute(name) ?? "";

    // Line endings and surrounding blank space are formatting, not content.
    private static string Normalize(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
