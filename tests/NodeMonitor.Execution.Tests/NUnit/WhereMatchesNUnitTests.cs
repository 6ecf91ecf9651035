using System.Xml.Linq;
using NodeMonitor.Core.Selection;
using NodeMonitor.Execution.Hosting;
using NodeMonitor.Execution.Tests.Support;

namespace NodeMonitor.Execution.Tests.NUnit;

/// <summary>
/// The same expression through NUnit's own filters (FrameworkController, given <see cref="WhereExpression.ToFilterXml"/>)
/// and through <see cref="WhereExpression.Matches"/> on the tests NUnit lists, over fixture Selection (namespaces,
/// fixture and test categories, parameterized and nested tests): both must pick the same test cases.
/// </summary>
public sealed class WhereMatchesNUnitTests
{
    private static readonly Lazy<LoadedAssembly> Fixture = new(() =>
        LoadedAssembly.Load(Path.Combine(FixturePlugins.Root, "selection", "Selection.dll")));

    [TestCase("cat == disk")]
    [TestCase("cat == slow")]
    [TestCase("cat != slow")]
    [TestCase("cat =~ ^(net|tls)$")]
    [TestCase("cat !~ s")]
    [TestCase("cat == tls")]
    [TestCase("test == Fixtures.Selection.Disk.SpaceChecks")]
    [TestCase("test == Fixtures.Selection.Disk")]
    [TestCase("test == Fixtures")]
    [TestCase("test == 'Fixtures.Selection.Net.PortChecks.ListensOn(22)'")]
    [TestCase("test == 'Fixtures.Selection.Disk.SpaceChecks.IsMounted(\"/var\")'")]
    [TestCase("test =~ Inode")]
    [TestCase("test !~ '\\(\\d+\\)$'")]
    [TestCase("test == Fixtures.Selection.Net.PortChecks+Nested")]
    [TestCase("name == RootHasSpace")]
    [TestCase("name == SpaceChecks")]
    [TestCase("name == Net")]
    [TestCase("name == 'ListensOn(443)'")]
    [TestCase("name =~ ^Is")]
    [TestCase("class == Fixtures.Selection.Net.PortChecks")]
    [TestCase("class == Fixtures.Selection.Net.PortChecks+Nested")]
    [TestCase("class =~ Checks$")]
    [TestCase("class !~ Space")]
    [TestCase("method == ListensOn")]
    [TestCase("method != ListensOn")]
    [TestCase("method =~ ^(Is|Free)")]
    [TestCase("namespace == Fixtures.Selection.Disk")]
    [TestCase("namespace == Fixtures.Selection")]
    [TestCase("namespace =~ Net$")]
    [TestCase("namespace != Fixtures.Selection.Disk")]
    [TestCase("cat == disk and not cat == slow")]
    [TestCase("cat == slow or class == Fixtures.Selection.Net.PortChecks and name =~ Listens")]
    [TestCase("(cat == slow or class == Fixtures.Selection.Net.PortChecks) and name =~ Listens")]
    [TestCase("not (cat == disk or cat == net)")]
    [TestCase("!cat == disk && method == ListensOn || name == FreeInodes")]
    [TestCase("not not cat == net")]
    [TestCase("cat != disk and cat != slow and namespace =~ Selection")]
    public void MatchesPicksTheTestsNUnitsFilterPicks(string where)
    {
        var expression = WhereExpression.Parse(where);

        var byNUnit = TestCases(Fixture.Value.Controller.ExploreTests(expression.ToFilterXml())).Select(t => t.FullName);
        var byMatches = TestCases(Fixture.Value.Controller.ExploreTests("")).Where(expression.Matches).Select(t => t.FullName);

        Assert.That(byMatches, Is.EquivalentTo(byNUnit), $"filter XML: {expression.ToFilterXml()}");
    }

    [Test]
    public void AnIdPicksTheSameTestsToo()
    {
        var all = TestCases(Fixture.Value.Controller.ExploreTests(""));
        string fixtureId = all.First(t => t.Parent?.Name == "PortChecks").Parent!.Id!;
        foreach (var where in new[] { $"id == {fixtureId}", $"id != {fixtureId}", $"id == {all[0].Id}" })
            MatchesPicksTheTestsNUnitsFilterPicks(where);
    }

    [Test]
    public void TheFixtureHasTheShapesTheComparisonRelies()
    {
        var all = TestCases(Fixture.Value.Controller.ExploreTests(""));
        Assert.That(all, Has.Count.EqualTo(10));
        Assert.That(all.Select(t => t.Parent!.Name), Does.Contain("ListensOn").And.Contain("Nested"));
    }

    /// <summary>The test cases of NUnit's explore XML, each with the chain of suites above it as NUnit's filters see them.</summary>
    private static List<SelectableTest> TestCases(string exploreXml)
    {
        var cases = new List<SelectableTest>();
        Walk(XElement.Parse(exploreXml), null, cases);
        return cases;
    }

    private static void Walk(XElement element, SelectableTest? parent, List<SelectableTest> cases)
    {
        string? className = (string?)element.Attribute("classname");
        var node = new SelectableTest((string?)element.Attribute("fullname") ?? "", (string?)element.Attribute("name") ?? "")
        {
            ClassName = className,
            MethodName = (string?)element.Attribute("methodname"),
            // NUnit's namespace filter reads the fixture type's namespace; suites without a type have none.
            Namespace = className is null ? null : className[..Math.Max(0, className.LastIndexOf('.'))],
            Id = (string?)element.Attribute("id"),
            Categories = element.Elements("properties").Elements("property")
                .Where(p => (string?)p.Attribute("name") == "Category").Select(p => (string)p.Attribute("value")!).ToList(),
            Parent = parent,
        };
        if (element.Name.LocalName == "test-case") cases.Add(node);
        foreach (var child in element.Elements().Where(e => e.Name.LocalName is "test-suite" or "test-case")) Walk(child, node, cases);
    }
}
