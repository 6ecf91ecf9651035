namespace NodeMonitor.Checks;

/// <summary>What one Nagios plugin said: its state, first line and the rest of its output.</summary>
/// <param name="ExitCode">The process exit code; null when it did not start or was killed at the timeout.</param>
/// <param name="Message">The first line of output before its '|' (or why the plugin could not run).</param>
/// <param name="LongOutput">Everything the plugin printed after the first line, stderr included.</param>
/// <param name="PerfData">The performance data text (after each '|'), as written.</param>
public sealed record NagiosCheckResult(string CommandLine, NagiosState State, int? ExitCode, string Message, string LongOutput, string PerfData)
{
    /// <summary>"CRITICAL (exit 2): DISK CRITICAL - ... [command]", how failures read.</summary>
    public override string ToString() =>
        $"{State.ToString().ToUpperInvariant()}{(ExitCode is { } c ? $" (exit {c})" : "")}: {Message}  [{CommandLine}]";
}
