namespace NodeMonitor.Core.Results;

/// <summary>The outcome of one test case, with NUnit's five result states.</summary>
public enum TestOutcome
{
    Passed,
    Failed,
    Warning,
    Inconclusive,
    Skipped,
}
