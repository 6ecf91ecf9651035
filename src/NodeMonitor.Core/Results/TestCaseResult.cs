namespace NodeMonitor.Core.Results;

/// <summary>
/// One finished test case, translated once from NUnit's event at the edge (the worker).
/// Nothing downstream parses NUnit XML.
/// </summary>
/// <param name="Plugin">Plugin folder name.</param>
/// <param name="Assembly">File name of the test assembly, e.g. <c>Checks.dll</c>.</param>
/// <param name="FullName">NUnit full name, e.g. <c>Ns.Fixture.Method(1)</c>.</param>
/// <param name="ClassName">Fully qualified fixture class.</param>
/// <param name="MethodName">Method name without arguments; empty for suite-level results.</param>
/// <param name="Label">NUnit label: Error, Ignored, Explicit, Cancelled, Invalid, ... or null.</param>
/// <param name="Site">Where a failure happened: Test, SetUp, TearDown, Parent, Child; null when not reported.</param>
/// <param name="Output">Captured console output, capped by the worker (see <see cref="OutputLimits"/>).</param>
public sealed record TestCaseResult(
    string Plugin,
    string Assembly,
    string FullName,
    string ClassName,
    string MethodName,
    TestOutcome Outcome,
    string? Label,
    string? Site,
    DateTimeOffset StartTime,
    TimeSpan Duration,
    string? Message,
    string? StackTrace,
    string? Output,
    int Asserts,
    IReadOnlyList<string> Categories,
    IReadOnlyList<KeyValuePair<string, string>> Properties)
{
    /// <summary>True for outcomes that make a run fail.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsFailure => Outcome == TestOutcome.Failed;

    /// <summary>The name NUnit gives the case inside its parent suite (e.g. <c>Check(2)</c>); null when not known.</summary>
    public string? Name { get; init; }

    /// <summary>NUnit's run state, known before the run (Runnable, Ignored, Explicit, NotRunnable); null when not known.
    /// A test that ignores itself while running stays Runnable: the outcome says Ignored.</summary>
    public string? RunState { get; init; }

    /// <summary>The NUnit suites around the case below its assembly, outermost first (namespaces, fixture,
    /// parameterized method), as NUnit built them; null when not known (Nagios commands, older results).
    /// A case inherited from a base class sits under its own fixture, not under <see cref="ClassName"/>.</summary>
    public IReadOnlyList<EnclosingSuite>? Suites { get; init; }
}

/// <summary>One NUnit suite around a test case: its type (TestSuite, TestFixture, GenericFixture, ParameterizedFixture,
/// ParameterizedMethod, SetUpFixture, ...), name and full name, and the class of a fixture.</summary>
public sealed record EnclosingSuite(string Type, string Name, string FullName, string? ClassName);

/// <summary>Caps applied to captured text so one noisy test cannot flood the node's store or memory.</summary>
public static class OutputLimits
{
    /// <summary>Most characters of test output kept per test (head and tail are kept, the middle is elided).</summary>
    public const int TestOutputChars = 64 * 1024;

    /// <summary>Most characters kept for a message or a stack trace.</summary>
    public const int MessageChars = 16 * 1024;

    /// <summary>Most characters of a worker's own stdout/stderr kept for a plugin error report.</summary>
    public const int CapturedProcessOutputChars = 64 * 1024;

    /// <summary>Keeps the head and tail of <paramref name="text"/> when it is longer than <paramref name="max"/>.</summary>
    public static string? Cap(string? text, int max)
    {
        if (text is null || text.Length <= max) return text;
        int half = max / 2;
        int elided = text.Length - 2 * half;
        return string.Concat(text.AsSpan(0, half), $"\n... [{elided} characters elided by NodeMonitor] ...\n", text.AsSpan(text.Length - half));
    }
}
