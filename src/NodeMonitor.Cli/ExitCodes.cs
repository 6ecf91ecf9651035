namespace NodeMonitor.Cli;

/// <summary>The documented exit codes of every verb (README "Exit codes").</summary>
internal static class ExitCodes
{
    /// <summary>Everything checked passed.</summary>
    public const int Passed = 0;
    /// <summary>A check failed or a plugin errored (crash, timeout, load failure).</summary>
    public const int CheckFailed = 1;
    /// <summary>Usage or configuration error: nothing ran.</summary>
    public const int UsageError = 2;
    /// <summary>Could not run: lock held, plugin root missing, state not usable.</summary>
    public const int CouldNotRun = 3;
}
