using NodeMonitor.Core.Results;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// The suites NUnit announced with start-suite, so every finished case can carry the suites that enclose it
/// (<see cref="TestCaseResult.Suites"/>). NUnit's parent ids are the truth: a case inherited from a base class
/// belongs to the fixture that ran it, which its classname (the declaring class) does not say.
/// </summary>
internal sealed class SuiteTree
{
    private readonly Dictionary<string, (string Parent, EnclosingSuite Suite)> _suites = [];
    private readonly Dictionary<string, IReadOnlyList<EnclosingSuite>> _paths = [];

    /// <summary>Records a suite; returns it, or null for the assembly (the root every result file already has, not an
    /// enclosing suite of its own).</summary>
    public EnclosingSuite? Started(string id, string parent, string type, string name, string fullName, string? className)
    {
        if (type == "Assembly") return null;
        var suite = new EnclosingSuite(type, name, fullName, className);
        _suites[id] = (parent, suite);
        return suite;
    }

    public bool Contains(string id) => _suites.ContainsKey(id);

    /// <summary>The suites from below the assembly down to <paramref name="parent"/>; null when NUnit never announced it.</summary>
    public IReadOnlyList<EnclosingSuite>? PathTo(string parent)
    {
        if (_paths.TryGetValue(parent, out var known)) return known;
        if (!_suites.TryGetValue(parent, out var suite)) return null;
        IReadOnlyList<EnclosingSuite> path = [.. PathTo(suite.Parent) ?? [], suite.Suite];
        _paths[parent] = path;
        return path;
    }
}
