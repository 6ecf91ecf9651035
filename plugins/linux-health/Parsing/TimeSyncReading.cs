namespace NodeMonitor.Plugins.LinuxHealth.Parsing;

/// <summary>
/// What a time service says about the local clock: the offset from its reference in seconds
/// (sign as the service reports it), or, when it is not synchronised, why not.
/// </summary>
public sealed record TimeSyncReading(string Service, double? OffsetSeconds, string? NotSynchronisedReason)
{
    public bool IsSynchronised => OffsetSeconds is not null && NotSynchronisedReason is null;
}
