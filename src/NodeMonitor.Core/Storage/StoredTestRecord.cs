using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Storage;

/// <summary>
/// One per-test row of the local store. Rows exist only for tests that did not pass and for state
/// transitions, so a healthy node stores none. A plugin that errored is stored as a row named
/// <see cref="TestState.PluginLevelName"/> (see there).
/// </summary>
/// <param name="Label">NUnit label (Error, Ignored, ...); for a plugin-level row the <see cref="PluginStatus"/> name.</param>
/// <param name="Output">Captured output; kept only when <paramref name="Outcome"/> is Failed.</param>
/// <param name="Time">When the test started.</param>
/// <param name="PreviousOutcome">The outcome before this one when this row is a state transition
/// (e.g. Passed for pass to fail); null when the state did not change or the test was seen for the first time.</param>
public sealed record StoredTestRecord(
    string RunId,
    string Plugin,
    string FullName,
    TestOutcome Outcome,
    string? Label,
    string? Site,
    string? Message,
    string? StackTrace,
    string? Output,
    TimeSpan Duration,
    DateTimeOffset Time,
    TestOutcome? PreviousOutcome)
{
    /// <summary>True when this row records a change of the test's state.</summary>
    public bool IsTransition => PreviousOutcome is not null;
}
