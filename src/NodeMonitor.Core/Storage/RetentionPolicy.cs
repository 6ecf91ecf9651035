namespace NodeMonitor.Core.Storage;

/// <summary>How much history the node keeps. Applied after every stored run.</summary>
/// <param name="MaxAge">Runs older than this are deleted (default 30 days).</param>
/// <param name="MaxBytes">When the store is larger than this, the oldest runs are deleted until it fits (default 256 MiB).</param>
public sealed record RetentionPolicy(TimeSpan MaxAge, long MaxBytes)
{
    public static readonly RetentionPolicy Default = new(TimeSpan.FromDays(30), 256L * 1024 * 1024);
}
