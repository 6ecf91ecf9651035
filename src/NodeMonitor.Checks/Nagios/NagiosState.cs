namespace NodeMonitor.Checks;

/// <summary>The service states of the Nagios plugin API (exit codes 0-3; anything else counts as Unknown).</summary>
public enum NagiosState
{
    Ok = 0,
    Warning = 1,
    Critical = 2,
    Unknown = 3,
}
