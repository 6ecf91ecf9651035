using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Reporting;

/// <summary>
/// The suite tree nunit3-console reports for one assembly, rebuilt from flat test results. A case that knows
/// its enclosing suites (<see cref="TestCaseResult.Suites"/>, from NUnit's own events) goes exactly there, so a
/// case inherited from a base class stays under its own fixture. Otherwise the tree is derived from the class name:
/// a TestSuite per namespace part, a TestFixture per class and a ParameterizedMethod per method with several cases.
/// </summary>
internal sealed class SuiteNode(string type, string name, string fullName, string? className)
{
    public string Type { get; } = type;
    public string Name { get; } = name;
    public string FullName { get; } = fullName;
    public string? ClassName { get; } = className;
    public List<SuiteNode> Suites { get; } = [];
    public List<TestCaseResult> Cases { get; } = [];
    private readonly Dictionary<(string Type, string FullName), SuiteNode> _suiteIndex = [];

    public IEnumerable<TestCaseResult> AllCases => Cases.Concat(Suites.SelectMany(s => s.AllCases));

    public static SuiteNode ForAssembly(string name, string fullName, IEnumerable<TestCaseResult> tests)
    {
        var assembly = new SuiteNode("Assembly", name, fullName, null);
        foreach (var test in tests) assembly.ParentFor(test).Cases.Add(test);
        assembly.GroupParameterizedMethods();
        return assembly;
    }

    /// <summary>The test's name inside its fixture, e.g. <c>Param(2)</c>.</summary>
    public static string CaseName(TestCaseResult test) =>
        test.Name ?? (test.ClassName.Length > 0 && test.FullName.StartsWith(test.ClassName + ".", StringComparison.Ordinal)
            ? test.FullName[(test.ClassName.Length + 1)..]
            : test.FullName);

    private SuiteNode ParentFor(TestCaseResult test)
    {
        if (test.Suites is not { Count: > 0 } suites) return FixtureFor(test.ClassName);
        var parent = this;
        foreach (var suite in suites) parent = parent.Child(suite.Type, suite.Name, suite.FullName, suite.ClassName);
        return parent;
    }

    private SuiteNode FixtureFor(string className)
    {
        if (className.Length == 0) return this;
        int lastDot = className.LastIndexOf('.');
        var parent = this;
        if (lastDot > 0)
        {
            string path = "";
            foreach (string part in className[..lastDot].Split('.'))
            {
                path = path.Length == 0 ? part : $"{path}.{part}";
                parent = parent.Child("TestSuite", part, path, null);
            }
        }
        return parent.Child("TestFixture", className[(lastDot + 1)..], className, className);
    }

    private SuiteNode Child(string type, string name, string fullName, string? className)
    {
        if (_suiteIndex.TryGetValue((type, fullName), out var existing)) return existing;
        var child = new SuiteNode(type, name, fullName, className);
        Suites.Add(child);
        _suiteIndex[(type, fullName)] = child;
        return child;
    }

    /// <summary>Cases of one method with arguments (NUnit names them <c>Method(args)</c>) go under a ParameterizedMethod suite,
    /// unless NUnit said where they belong.</summary>
    private void GroupParameterizedMethods()
    {
        foreach (var suite in Suites) suite.GroupParameterizedMethods();
        if (Type != "TestFixture") return;
        var groups = Cases
            .Where(c => c.MethodName.Length > 0 && c.Suites is null)
            .GroupBy(c => c.MethodName, StringComparer.Ordinal)
            .Where(g => g.Count() > 1 || CaseName(g.First()).EndsWith(')'))
            .ToList();
        foreach (var group in groups)
        {
            var method = new SuiteNode("ParameterizedMethod", group.Key, $"{FullName}.{group.Key}", ClassName);
            method.Cases.AddRange(group);
            Suites.Add(method);
            var moved = group.ToHashSet<object>(ReferenceEqualityComparer.Instance);
            Cases.RemoveAll(moved.Contains);
        }
    }
}
