using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Storage;

/// <summary>One run as the local store keeps it.</summary>
/// <param name="Plugins">Every plugin of the run, in name order.</param>
/// <param name="Tests">The per-test rows kept for this run: tests that did not pass, and state transitions
/// (including fail to pass). Passing tests whose state did not change are counted in <paramref name="Counts"/> only.</param>
public sealed record StoredRun(
    string RunId,
    string Node,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    bool Passed,
    OutcomeCounts Counts,
    IReadOnlyList<StoredPluginRun> Plugins,
    IReadOnlyList<StoredTestRecord> Tests);
