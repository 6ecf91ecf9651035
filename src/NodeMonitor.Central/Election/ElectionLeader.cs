namespace NodeMonitor.Central.Election;

/// <summary>The holder of an election: its key <c>&lt;election&gt;/&lt;candidate&gt;</c>, the value it published (for
/// people and <c>nodemonitor cluster status</c>), the lease the key lives on, and the key's create revision, which is
/// the fencing token: it stays the same while the holder renews and changes whenever anyone else takes over.</summary>
public sealed record ElectionLeader(string Election, string Candidate, string Value, long CreateRevision, long LeaseId)
{
    public string Key => $"{Election}/{Candidate}";

    /// <summary>What a fenced write compares (<see cref="EtcdElection.Fence"/>).</summary>
    public long FencingToken => CreateRevision;
}

/// <summary>What one campaign found: who leads now (null only when nobody does), whether that is this candidate,
/// and whether it took the election in this very attempt (as opposed to renewing a term it already held).</summary>
public sealed record ElectionStanding(ElectionLeader? Leader, bool IsLeader, bool Acquired)
{
    public static ElectionStanding Following(ElectionLeader? leader) => new(leader, IsLeader: false, Acquired: false);
}
