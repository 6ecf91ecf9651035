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
}
