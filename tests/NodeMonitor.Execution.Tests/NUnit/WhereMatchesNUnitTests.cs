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
    // Loading points the process's base and current directory at the plugin, as the worker needs; the other tests here
    // find the worker through theirs.
    private static readonly Lazy<LoadedAssembly> Fixture = new(() =>
    {
        string directory = Directory.GetCurrentDirectory();
        object? baseDirectory = AppContext.GetData("APP_CONTEXT_BASE_DIRECTORY");
        try
        {
            return LoadedAssembly.Load(Path.Combine(FixturePlugins.Root, "selection", "Selection.dll"), new Dictionary<string, string>());
        }
        finally
        {
            Directory.SetCurrentDirectory(directory);
            AppContext.SetData("APP_CONTEXT_BASE_DIRECTORY", baseDirectory);
        }
    });

    [TestCase("cat == disk", 5)]
    [TestCase("cat == slow", 3)]
    [TestCase("cat != slow", 7)]
    [TestCase("cat =~ ^(net|tls)$", 4)]
    [TestCase("cat !~ s", 3)]
    [TestCase("cat == tls", 1)]
    [TestCase("test == Fixtures.Selection.Disk.SpaceChecks", 4)]
    [TestCase("test == Fixtures.Selection.Disk", 6)]
    [TestCase("test == Fixtures", 10)]
    [TestCase("test == 'Fixtures.Selection.Net.PortChecks.ListensOn(22)'", 1)]
    [TestCase("test == 'Fixtures.Selection.Disk.SpaceChecks.IsMounted(\"/var\")'", 1)]
    [TestCase("test =~ Inode", 2)]
    [TestCase("test !~ '\\(\\d+\\)$'", 8)]
    [TestCase("test == Fixtures.Selection.Net.PortChecks+Nested", 1)]
    [TestCase("name == RootHasSpace", 1)]
    [TestCase("name == SpaceChecks", 4)]
    [TestCase("name == Net", 4)]
    [TestCase("name == 'ListensOn(443)'", 1)]
    [TestCase("name =~ ^Is", 3)]
    [TestCase("class == Fixtures.Selection.Net.PortChecks", 3)]
    [TestCase("class == Fixtures.Selection.Net.PortChecks+Nested", 1)]
    [TestCase("class =~ Checks$", 9)]
    [TestCase("class !~ Space", 6)]
    [TestCase("method == ListensOn", 2)]
    [TestCase("method != ListensOn", 8)]
    [TestCase("method =~ ^(Is|Free)", 4)]
    [TestCase("namespace == Fixtures.Selection.Disk", 6)]
    [TestCase("namespace == Fixtures.Selection", 0)]
    [TestCase("namespace =~ Net$", 4)]
    [TestCase("namespace != Fixtures.Selection.Disk", 4)]
    [TestCase("cat == disk and not cat == slow", 3)]
    [TestCase("cat == slow or class == Fixtures.Selection.Net.PortChecks and name =~ Listens", 5)]
    [TestCase("(cat == slow or class == Fixtures.Selection.Net.PortChecks) and name =~ Listens", 2)]
    [TestCase("not (cat == disk or cat == net)", 1)]
    [TestCase("!cat == disk && method == ListensOn || name == FreeInodes", 3)]
    [TestCase("not not cat == net", 4)]
    [TestCase("cat != disk and cat != slow and namespace =~ Selection", 4)]
    public void MatchesPicksTheTestsNUnitsFilterPicks(string where, int selected)
    {
        var expression = WhereExpression.Parse(where);

        var byNUnit = TestCases(Fixture.Value.Controller.ExploreTests(expression.ToFilterXml())).Select(t => t.FullName);
        var byMatches = TestCases(Fixture.Value.Controller.ExploreTests("")).Where(expression.Matches).Select(t => t.FullName);

        Assert.That(byMatches, Is.EquivalentTo(byNUnit), $"filter XML: {expression.ToFilterXml()}");
        Assert.That(byNUnit.Count(), Is.EqualTo(selected), "NUnit's selection on the fixture (of its 10 tests)");
    }

    [Test]
    public void AnIdPicksTheSameTestsToo()
    {
        var all = TestCases(Fixture.Value.Controller.ExploreTests(""));
        string fixtureId = all.First(t => t.Parent?.Name == "PortChecks").Parent!.Id!;
        foreach (var (where, selected) in new[] { ($"id == {fixtureId}", 3), ($"id != {fixtureId}", 7), ($"id == {all[0].Id}", 1) })
            MatchesPicksTheTestsNUnitsFilterPicks(where, selected);
    }

    [Test]
    public void TheFixtureHasTheShapesTheComparisonRelies()
    {
        var all = TestCases(Fixture.Value.Controller.ExploreTests(""));
        Assert.That(all, Has.Count.EqualTo(10));
        Assert.That(all.Select(t => t.Parent!.Name), Does.Contain("ListensOn").And.Contain("PortChecks+Nested"));
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
