using NodeMonitor.Core.Nagios;
using NodeMonitor.Core.Selection;

namespace NodeMonitor.Execution.Nagios;

/// <summary>
/// A Nagios command as a where expression sees it, so <c>--where</c> and a manifest's categories select commands as
/// they select NUnit tests: test case <c>nagios.&lt;plugin&gt;.&lt;name&gt;</c> (name and method <c>&lt;name&gt;</c>,
/// category <c>nagios</c>) in fixture <c>nagios.&lt;plugin&gt;</c> (name <c>&lt;plugin&gt;</c>) in namespace
/// <c>nagios</c>. Commands have no NUnit ids, so <c>id == ...</c> selects none.
/// </summary>
internal static class NagiosSelection
{
    public static bool Selects(WhereExpression? where, string plugin, NagiosCommand command) =>
        where is null || where.Matches(Of(plugin, command));

    public static SelectableTest Of(string plugin, NagiosCommand command)
    {
        var space = new SelectableTest("nagios", "nagios");
        string className = NagiosCommand.TestClassName(plugin);
        var fixture = new SelectableTest(className, plugin) { ClassName = className, Namespace = "nagios", Parent = space };
        return new SelectableTest(command.TestFullName(plugin), command.Name)
        {
            ClassName = className,
            MethodName = command.Name,
            Namespace = "nagios",
            Categories = [NagiosTestCase.Category],
            Parent = fixture,
        };
    }
}
