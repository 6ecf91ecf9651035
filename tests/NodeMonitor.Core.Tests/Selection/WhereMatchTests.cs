using NodeMonitor.Core.Selection;
using NUnit.Framework;

namespace NodeMonitor.Core.Tests.Selection;

/// <summary>
/// <see cref="WhereExpression.Matches"/> on a small tree, with NUnit's rule that a comparison holds when the test or a
/// suite above it matches. Its agreement with NUnit's own filters on a real assembly is checked in
/// NodeMonitor.Execution.Tests (WhereMatchesNUnitTests).
/// </summary>
public sealed class WhereMatchTests
{
    private static readonly SelectableTest Namespace = new("Ns.Disk", "Disk");
    private static readonly SelectableTest Fixture = new("Ns.Disk.SpaceChecks", "SpaceChecks")
    {
        ClassName = "Ns.Disk.SpaceChecks", Namespace = "Ns.Disk", Categories = ["disk"], Id = "0-1001", Parent = Namespace,
    };
    private static readonly SelectableTest Root = Case("RootHasSpace", Fixture, "slow");
    private static readonly SelectableTest Mounted = Case("IsMounted(\"/var\")", new SelectableTest("Ns.Disk.SpaceChecks.IsMounted", "IsMounted")
    {
        ClassName = "Ns.Disk.SpaceChecks", MethodName = "IsMounted", Namespace = "Ns.Disk", Parent = Fixture,
    });
    private static readonly SelectableTest Port = Case("ListensOn", new SelectableTest("Ns.Net.PortChecks", "PortChecks")
    {
        ClassName = "Ns.Net.PortChecks", Namespace = "Ns.Net", Parent = new SelectableTest("Ns.Net", "Net"),
    });
    private static readonly Dictionary<string, SelectableTest> Tests = new()
    {
        ["root"] = Root, ["mounted"] = Mounted, ["port"] = Port,
    };

    [TestCase("cat == disk", "root mounted")]
    [TestCase("cat == slow", "root")]
    [TestCase("cat != disk", "port")]
    [TestCase("cat =~ ^s", "root")]
    [TestCase("cat !~ o", "mounted port")]
    [TestCase("test == Ns.Disk.SpaceChecks", "root mounted")]
    [TestCase("test == Ns.Disk", "root mounted")]
    [TestCase("test == Ns", "")]
    [TestCase("test =~ Mounted", "mounted")]
    [TestCase("test =~ '\\(\"/var\"\\)$'", "mounted")]
    [TestCase("name == IsMounted", "mounted")]
    [TestCase("name == 'IsMounted(\"/var\")'", "mounted")]
    [TestCase("name == SpaceChecks", "root mounted")]
    [TestCase("class == Ns.Net.PortChecks", "port")]
    [TestCase("class =~ Checks$", "root mounted port")]
    [TestCase("method == IsMounted", "mounted")]
    [TestCase("method == RootHasSpace", "root")]
    [TestCase("method != RootHasSpace", "mounted port")]
    [TestCase("namespace == Ns.Disk", "root mounted")]
    [TestCase("namespace == Ns", "")]
    [TestCase("id == 0-1001", "root mounted")]
    [TestCase("id != 0-1001", "port")]
    [TestCase("cat == disk and not cat == slow", "mounted")]
    [TestCase("cat == slow or class == Ns.Net.PortChecks and name == ListensOn", "root port")]
    [TestCase("(cat == slow or class == Ns.Net.PortChecks) and name == ListensOn", "port")]
    [TestCase("not (cat == disk or cat == slow)", "port")]
    [TestCase("!cat == disk && name == ListensOn || method == RootHasSpace", "root port")]
    public void SelectsAsNUnitDoesForTestCases(string where, string selected)
    {
        var tree = WhereExpression.Parse(where);
        var matched = Tests.Where(t => tree.Matches(t.Value)).Select(t => t.Key);
        Assert.That(matched, Is.EquivalentTo(selected.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Test]
    public void ARegularExpressionIsNotAnchoredAndIsCaseSensitive()
    {
        Assert.That(WhereExpression.Parse("test =~ HasSpace").Matches(Root), Is.True);
        Assert.That(WhereExpression.Parse("test =~ hasspace").Matches(Root), Is.False);
        Assert.That(WhereExpression.Parse("test == ns.disk.spacechecks.roothasspace").Matches(Root), Is.False);
    }

    private static SelectableTest Case(string name, SelectableTest parent, params string[] categories) =>
        new($"{parent.ClassName}.{name}", name)
        {
            ClassName = parent.ClassName, MethodName = name.Split('(')[0], Namespace = parent.Namespace, Categories = categories, Parent = parent,
        };
}
