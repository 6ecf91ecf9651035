namespace NodeMonitor.Notify;

/// <summary>Which notify instance sends. <see cref="AcquireAsync"/> waits until this one is elected and returns its term.</summary>
public interface ISenderLeadership
{
    Task<ISenderTerm> AcquireAsync(CancellationToken ct);
}

/// <summary>One term as the sender. <see cref="Lost"/> fires when the term ends (etcd answered that another instance
/// leads, or that the term's key is gone); <see cref="StillLeadingAsync"/> is the fence checked before every delivery.</summary>
public interface ISenderTerm : IAsyncDisposable
{
    CancellationToken Lost { get; }

    /// <summary>True once etcd confirmed the term, false once it said the term is over; while etcd does not answer it
    /// waits and asks again, so a failed call neither sends nor ends the term.</summary>
    Task<bool> StillLeadingAsync(CancellationToken ct);

    /// <summary>Writes <paramref name="value"/> at <paramref name="key"/> only while this term holds (the same fence);
    /// false when it no longer does.</summary>
    Task<bool> PublishAsync(string key, string value, CancellationToken ct);
}
