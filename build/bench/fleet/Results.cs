namespace NodeMonitor.Fleet;

/// <summary>One simulated minute of NodeMonitor's scenario.</summary>
public sealed record MinuteRow(int Minute, double RealSeconds, Stats Stats, double[] Server, long Ran, long Enqueued, long Errors, int PendingNodes,
    int PendingReports, long MaxRunMs, double DbInUseBytes, string Events, bool Fault)
{
    public bool Drain { get; init; }
}

/// <summary>What etcd holds after the drain against what the nodes' last runs say.</summary>
/// <param name="Wrong">Nodes whose record is missing, stale or left over.</param>
/// <param name="Pending">Reports still in the nodes' spools.</param>
public sealed record VerifyResult(int Records, int FailingNodes, int Wrong, int Pending, long Delivered, long OutOfOrder)
{
    public int Lost => Wrong + Pending;
}

/// <summary>The baseline's minutes and the DB growth its real sample caused.</summary>
public sealed record BaselineResult(List<(Stats Stats, double Seconds)> Minutes, long WritesPerNodeMinute, double DbBefore, double DbAfter,
    double[] Server);
