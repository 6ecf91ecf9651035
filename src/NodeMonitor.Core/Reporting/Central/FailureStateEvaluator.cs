using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Core.Reporting.Central;

/// <summary>
/// Soft and hard failures, like Nagios' max_check_attempts: a plugin's <c>retries</c> failing runs in a row stay
/// local (soft); the next one makes the failure hard and reportable. Reads the states the local store has just
/// updated, so it needs nothing of its own.
/// </summary>
public static class FailureStateEvaluator
{
    /// <param name="states">The store's current states, read after the run was written.</param>
    /// <param name="retriesOf">The plugin's <c>retries</c> from its plugin.json (0 when unknown).</param>
    /// <returns>The hard failures, or null when the node is healthy as far as the centre is concerned.</returns>
    public static FailureState? Evaluate(RunResult run, IReadOnlyList<TestState> states, Func<string, int> retriesOf)
    {
        // A test a plugin no longer has keeps its last state locally until retention; it must not keep the node failing.
        var ran = run.Plugins.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        // The store keeps milliseconds.
        var runStart = DateTimeOffset.FromUnixTimeMilliseconds(run.StartTime.ToUnixTimeMilliseconds());
        var failures = states
            .Where(s => !ran.Contains(s.Plugin) || s.LastSeen >= runStart)
            .Where(s => s.Outcome == TestOutcome.Failed && s.ConsecutiveFailures > Math.Max(0, retriesOf(s.Plugin)))
            .Select(s => new HardFailure(s.Plugin, s.IsPluginLevel ? null : s.FullName, s.Since, s.ConsecutiveFailures, s.Message))
            .OrderBy(f => f.Id, StringComparer.Ordinal)
            .ToList();
        return failures.Count == 0 ? null : new FailureState(run.Node, run.RunId, run.EndTime, failures);
    }

    /// <summary>A run the local store could not keep: no counts of earlier runs exist, so every failure of the run is
    /// reported, with the store's own failure first (the node's monitoring is degraded, and the centre must hear it).</summary>
    /// <returns>Null when the run passed: nothing may claim success that was not stored, and nothing failed.</returns>
    public static FailureState? EvaluateUnstored(RunResult run, string storeError)
    {
        if (run.Passed) return null;
        var failures = run.Plugins
            .SelectMany(p => p.Succeeded
                ? p.Tests.Where(t => t.Outcome == TestOutcome.Failed).Select(t => new HardFailure(p.Name, t.FullName, run.StartTime, 1, t.Message))
                : [new HardFailure(p.Name, null, run.StartTime, 1, p.Error)])
            .Prepend(new HardFailure(UnstoredPlugin, null, run.StartTime, 1, storeError))
            .OrderBy(f => f.Id, StringComparer.Ordinal)
            .ToList();
        return new FailureState(run.Node, run.RunId, run.EndTime, failures);
    }

    /// <summary>The plugin name under which a failed local store is reported.</summary>
    public const string UnstoredPlugin = "nodemonitor";
}
