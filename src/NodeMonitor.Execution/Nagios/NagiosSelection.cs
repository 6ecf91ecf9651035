using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NodeMonitor.Execution.Nagios;

/// <summary>
/// Applies a plugin's test selection (the NUnit filter XML made by <see cref="WhereExpression"/>) to a Nagios command,
/// so <c>--where</c> and a manifest's categories select commands as they select NUnit tests. A command is a test
/// <c>nagios.&lt;plugin&gt;.&lt;name&gt;</c> in class <c>nagios.&lt;plugin&gt;</c>, namespace <c>nagios</c>, category <c>nagios</c>.
/// </summary>
internal static class NagiosSelection
{
    public static Func<string, string, bool> Compile(string? where)
    {
        if (string.IsNullOrWhiteSpace(where)) return (_, _) => true;
        var filter = XElement.Parse(WhereExpression.ToFilterXml(where));
        return (plugin, name) => filter.Elements().All(e => Matches(e, plugin, name));
    }

    private static bool Matches(XElement element, string plugin, string name) => element.Name.LocalName switch
    {
        "and" => element.Elements().All(e => Matches(e, plugin, name)),
        "or" => element.Elements().Any(e => Matches(e, plugin, name)),
        "not" => !element.Elements().All(e => Matches(e, plugin, name)),
        "cat" => Compare(element, NagiosTestCase.Category),
        "test" => Compare(element, $"nagios.{plugin}.{name}"),
        "class" => Compare(element, $"nagios.{plugin}"),
        "method" or "name" => Compare(element, name),
        "namespace" => Compare(element, "nagios"),
        _ => false, // id: NUnit's internal ids, which commands do not have
    };

    private static bool Compare(XElement element, string value) =>
        element.Attribute("re")?.Value == "1"
            ? Regex.IsMatch(value, element.Value, RegexOptions.None, TimeSpan.FromSeconds(1))
            : string.Equals(value, element.Value, StringComparison.Ordinal);
}
