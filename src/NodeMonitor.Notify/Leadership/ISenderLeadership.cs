namespace NodeMonitor.Notify;

/// <summary>Which notify instance sends. <see cref="AcquireAsync"/> waits until this one is elected and returns its term.</summary>
public interface ISenderLeadership
{
    Task<ISenderTerm> AcquireAsync(CancellationToken ct);
}

/// <summary>One term as the sender. <see cref="Lost"/> fires when the term ends (another instance took over, or it could
/// not be renewed in time); <see cref="StillLeadingAsync"/> is the fence checked before every delivery.</summary>
public interface ISenderTerm : IAsyncDisposable
{
    CancellationToken Lost { get; }

    Task<bool> StillLeadingAsync(CancellationToken ct);

    /// <summary>Writes <paramref name="value"/> at <paramref name="key"/> only while this term holds (the same fence);
    /// false when it no longer does.</summary>
    Task<bool> PublishAsync(string key, string value, CancellationToken ct);
}
