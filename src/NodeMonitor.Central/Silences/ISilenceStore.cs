namespace NodeMonitor.Central;

/// <summary>Where silences live (<c>&lt;prefix&gt;silences/</c> in etcd). Each call is one attempt within the caller's deadline.</summary>
public interface ISilenceStore
{
    /// <summary>Every stored silence, expired ones included (their keys may linger until their lease ends).</summary>
    Task<IReadOnlyList<Silence>> ListAsync(DateTime deadlineUtc, CancellationToken ct);

    /// <summary>Stores a new silence; its key lives a day past its end, then etcd collects it.</summary>
    Task AddAsync(Silence silence, DateTime deadlineUtc, CancellationToken ct);

    /// <summary>False when no silence has this id.</summary>
    Task<bool> RemoveAsync(string id, DateTime deadlineUtc, CancellationToken ct);
}
