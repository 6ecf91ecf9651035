namespace NodeMonitor.Core.Selection;

/// <summary>
/// What a where expression sees of a test, as NUnit's filters see an ITest: the names of the test itself and,
/// through <see cref="Parent"/>, of each suite above it (fixture, namespace). Null where NUnit has no value
/// (a suite's method name, an id outside NUnit).
/// </summary>
public sealed record SelectableTest(string FullName, string Name)
{
    public string? ClassName { get; init; }

    public string? MethodName { get; init; }

    public string? Namespace { get; init; }

    public string? Id { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];

    public SelectableTest? Parent { get; init; }
}
