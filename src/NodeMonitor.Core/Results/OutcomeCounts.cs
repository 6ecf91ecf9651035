namespace NodeMonitor.Core.Results;

/// <summary>Per-outcome counts, named as in NUnit's test-run element.</summary>
public sealed record OutcomeCounts(int Total, int Passed, int Failed, int Warnings, int Inconclusive, int Skipped)
{
    public static readonly OutcomeCounts Zero = new(0, 0, 0, 0, 0, 0);

    public static OutcomeCounts From(IEnumerable<TestCaseResult> tests)
    {
        int p = 0, f = 0, w = 0, i = 0, s = 0;
        foreach (var t in tests)
        {
            switch (t.Outcome)
            {
                case TestOutcome.Passed: p++; break;
                case TestOutcome.Failed: f++; break;
                case TestOutcome.Warning: w++; break;
                case TestOutcome.Inconclusive: i++; break;
                case TestOutcome.Skipped: s++; break;
            }
        }
        return new OutcomeCounts(p + f + w + i + s, p, f, w, i, s);
    }

    public static OutcomeCounts operator +(OutcomeCounts a, OutcomeCounts b) =>
        new(a.Total + b.Total, a.Passed + b.Passed, a.Failed + b.Failed, a.Warnings + b.Warnings,
            a.Inconclusive + b.Inconclusive, a.Skipped + b.Skipped);
}
