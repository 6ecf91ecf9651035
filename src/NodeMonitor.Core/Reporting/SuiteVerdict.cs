using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Reporting;

/// <summary>A suite's result from its test cases, by NUnit's rules (TestSuiteResult.AddResult) and with its messages.</summary>
internal sealed record SuiteVerdict(string Result, string? Label, string? Site, string? Message)
{
    public static SuiteVerdict From(IReadOnlyCollection<TestCaseResult> tests)
    {
        if (tests.Any(t => t.Outcome == TestOutcome.Failed))
            return new("Failed", null, "Child", "One or more child tests had errors");
        if (tests.Any(t => t.Outcome == TestOutcome.Warning))
            return new("Warning", null, "Child", "One or more child tests had warnings");
        if (tests.Any(t => t.Outcome == TestOutcome.Skipped && t.Label == "Ignored"))
            return new("Skipped", "Ignored", "Child", "One or more child tests were ignored");
        if (tests.Count == 0 || tests.Any(t => t.Outcome == TestOutcome.Passed))
            return new("Passed", null, null, null);
        return new("Inconclusive", null, null, null);
    }
}
