using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Storage;

/// <summary>
/// What one observation does to a test's state, Nagios style: the next state, and whether the run keeps a
/// per-test row for it. A row is kept when the test did not pass, or when its outcome changed. The first
/// sighting of a test is not a transition (there is nothing to change from), so a new passing test costs no row.
/// </summary>
internal sealed record TestStateChange(TestState Next, bool KeepsRecord, TestOutcome? PreviousOutcome)
{
    public static TestStateChange Apply(string plugin, TestState? previous, TestObservation seen)
    {
        bool changed = previous is not null && previous.Outcome != seen.Outcome;
        bool failed = seen.Outcome == TestOutcome.Failed;
        var next = new TestState(
            plugin,
            seen.FullName,
            seen.Outcome,
            Since: previous is null || changed ? seen.Time : previous.Since,
            LastSeen: seen.Time,
            ConsecutiveFailures: failed ? (previous?.Outcome == TestOutcome.Failed ? previous.ConsecutiveFailures + 1 : 1) : 0,
            Message: seen.Outcome == TestOutcome.Passed ? null : seen.Message);
        return new TestStateChange(next, seen.Outcome != TestOutcome.Passed || changed, changed ? previous!.Outcome : null);
    }
}
