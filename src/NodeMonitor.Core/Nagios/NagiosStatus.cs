namespace NodeMonitor.Core.Nagios;

/// <summary>The service states of the Nagios plugin API, by exit code.</summary>
public enum NagiosStatus
{
    Ok = 0,
    Warning = 1,
    Critical = 2,
    /// <summary>Exit code 3, and anything that is not 0-2 (a signal, a plugin that could not start).</summary>
    Unknown = 3,
}

public static class NagiosStatusCodes
{
    public static NagiosStatus FromExitCode(int exitCode) => exitCode switch
    {
        0 => NagiosStatus.Ok,
        1 => NagiosStatus.Warning,
        2 => NagiosStatus.Critical,
        _ => NagiosStatus.Unknown,
    };
}
