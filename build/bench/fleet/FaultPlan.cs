namespace NodeMonitor.Fleet;

/// <summary>
/// The faults of a run: the leader member killed at a quarter of the run and restarted a minute later; two of three
/// members killed (quorum lost) at half time for two minutes; a storm at three quarters.
/// </summary>
public sealed class FaultPlan(FleetOptions options, ClusterControl cluster)
{
    private readonly List<int> _down = [];

    public int? LeaderKillMinute { get; } = options.Faults ? Math.Max(1, options.Minutes / 4) : null;
    public int? QuorumLossMinute { get; } = options.Faults ? Math.Max(3, options.Minutes / 2) : null;
    public int? StormMinute { get; } = options.Faults ? Math.Max(6, options.Minutes * 3 / 4) : null;
    public const int QuorumLossMinutes = 2;
    public string KilledLeader { get; private set; } = "";

    /// <summary>Real time from the leader's kill to its restart.</summary>
    public TimeSpan? LeaderDown { get; private set; }

    /// <summary>Real time from the second kill (quorum lost) to the restart of both.</summary>
    public TimeSpan? QuorumLost { get; private set; }

    private DateTime _downSince;

    public bool IsFaultMinute(int m) =>
        m == 0 || m == LeaderKillMinute || m == LeaderKillMinute + 1
        || (m >= QuorumLossMinute && m <= QuorumLossMinute + QuorumLossMinutes)
        || (m >= StormMinute && m <= StormMinute + Workload.StormMinutes);

    /// <summary>Applies the faults due at the start of minute <paramref name="m"/>; returns what it did.</summary>
    public string Before(int m)
    {
        if (m == LeaderKillMinute)
        {
            int leader = cluster.Leader();
            if (leader == 0) return "no leader found: leader kill skipped";
            Kill(leader);
            KilledLeader = $"member {leader}";
            return $"killed leader member {leader}";
        }
        if (m == QuorumLossMinute)
        {
            int leader = cluster.Leader();
            if (leader == 0) return "no leader found: quorum loss skipped";
            int other = leader % 3 + 1;
            Kill(leader);
            Kill(other);
            return $"quorum lost: killed members {leader} and {other}";
        }
        if (m == LeaderKillMinute + 1 || m == QuorumLossMinute + QuorumLossMinutes)
        {
            string restarted = string.Join(" and ", _down);
            RestoreAll();
            var down = DateTime.UtcNow - _downSince;
            if (m == LeaderKillMinute + 1) LeaderDown = down;
            else QuorumLost = down;
            return $"restarted member {restarted} after {down.TotalSeconds:0} s real";
        }
        return "";
    }

    public void RestoreAll()
    {
        foreach (int member in _down) cluster.Run("restart-member", member.ToString());
        _down.Clear();
    }

    private void Kill(int member)
    {
        if (member is < 1 or > 3) return;
        cluster.Run("kill-member", member.ToString());
        _down.Add(member);
        _downSince = DateTime.UtcNow;
    }
}
