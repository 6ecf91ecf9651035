using System.Diagnostics;

namespace NodeMonitor.Fleet;

/// <summary>
/// The clock of one simulated node's run: it starts at the simulated minute plus the node's fixed phase and then runs
/// at real speed, so budgets and deadlines computed by NodeMonitor's code keep their real lengths.
/// </summary>
public sealed class SimClock(DateTimeOffset simStart) : TimeProvider
{
    private readonly long _realStart = Stopwatch.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => simStart + Stopwatch.GetElapsedTime(_realStart);

    /// <summary>A deadline NodeMonitor computed on this clock, as the real UTC instant gRPC needs.</summary>
    public DateTime ToReal(DateTime simDeadlineUtc) => DateTime.UtcNow + (simDeadlineUtc - GetUtcNow().UtcDateTime);
}
