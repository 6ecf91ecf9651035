using System.Globalization;
using System.Xml.Linq;

namespace NodeMonitor.Execution.NUnit;

/// <summary>
/// Sends a result file's <c>test-run</c> document as the events the NUnit engine sends while it runs: start-run,
/// start-suite and test-suite around each suite, test-case for each case, test-run. Ids are given anew in the
/// engine's shape (<c>&lt;assembly&gt;-&lt;n&gt;</c>, with parentId), since files carry no parent ids and some
/// writers no ids at all. Cases and suites outside any assembly suite are put in one named after the file.
/// </summary>
internal sealed class NUnitResultReplay(Func<string, bool> onEvent, string fallbackAssembly)
{
    private int _nextAssembly;
    private int _nextId;
    private string? _looseAssemblyId;

    public void Replay(XElement run)
    {
        Send(new XElement("start-run", run.Attribute("start-time")));
        foreach (var child in Tests(run)) Walk(child, null, "");
        if (_looseAssemblyId is not null)
            Send(new XElement("test-suite", new XAttribute("type", "Assembly"), new XAttribute("id", _looseAssemblyId), new XAttribute("name", fallbackAssembly)));
        Send(new XElement("test-run", run.Attribute("start-time"), run.Attribute("end-time"), run.Attribute("duration")));
    }

    private void Walk(XElement element, string? prefix, string parentId)
    {
        bool isSuite = element.Name.LocalName == "test-suite";
        if (isSuite && (string?)element.Attribute("type") == "Assembly")
        {
            prefix = (_nextAssembly++).ToString(CultureInfo.InvariantCulture);
            parentId = "";
        }
        else if (prefix is null && isSuite && element.Descendants("test-suite").Any(s => (string?)s.Attribute("type") == "Assembly"))
        {
            // A suite above the assemblies (an NUnit project) only groups them.
            foreach (var child in Tests(element)) Walk(child, null, "");
            return;
        }
        else if (prefix is null)
        {
            parentId = LooseAssembly();
            prefix = parentId[..parentId.IndexOf('-', StringComparison.Ordinal)];
        }

        string id = $"{prefix}-{_nextId++}";
        if (!isSuite)
        {
            Send(WithIds(new XElement(element), id, parentId));
            return;
        }
        Send(WithIds(new XElement("start-suite", element.Attributes()), id, parentId));
        foreach (var child in Tests(element)) Walk(child, prefix, id);
        var own = element.Nodes().Where(n => n is not XElement e || !IsTest(e));
        Send(WithIds(new XElement("test-suite", element.Attributes(), own), id, parentId));
    }

    private string LooseAssembly()
    {
        if (_looseAssemblyId is not null) return _looseAssemblyId;
        _looseAssemblyId = $"{_nextAssembly++}-{_nextId++}";
        Send(new XElement("start-suite", new XAttribute("type", "Assembly"), new XAttribute("id", _looseAssemblyId), new XAttribute("name", fallbackAssembly)));
        return _looseAssemblyId;
    }

    private static IEnumerable<XElement> Tests(XElement parent) => parent.Elements().Where(IsTest);

    private static bool IsTest(XElement element) => element.Name.LocalName is "test-suite" or "test-case";

    private static XElement WithIds(XElement element, string id, string parentId)
    {
        element.SetAttributeValue("id", id);
        element.SetAttributeValue("parentId", parentId);
        return element;
    }

    private void Send(XElement element) => onEvent(element.ToString(SaveOptions.DisableFormatting));
}
