using NodeMonitor.Core.Nagios;

namespace NodeMonitor.Execution.Nagios;

/// <summary>How one Nagios command run ended.</summary>
/// <param name="ExitCode">The process's exit code; null when it did not start or was killed.</param>
/// <param name="Stdout">What the plugin printed on stdout (the plugin API's output), capped.</param>
/// <param name="Stderr">What it printed on stderr, capped; not part of the plugin API, kept for the operator.</param>
/// <param name="Problem">Why there is no plugin verdict (not found, not executable, timed out); null when it exited.</param>
public sealed record NagiosExecution(int? ExitCode, string Stdout, string Stderr, string? Problem, TimeSpan Duration)
{
    /// <summary>The plugin API state: exit codes 0-3, and UNKNOWN for anything else (signals, problems).</summary>
    public NagiosStatus Status => Problem is null && ExitCode is { } code ? NagiosStatusCodes.FromExitCode(code) : NagiosStatus.Unknown;
}
