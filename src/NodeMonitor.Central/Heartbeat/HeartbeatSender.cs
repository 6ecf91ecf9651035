using NodeMonitor.Core.Results;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Central;

public enum HeartbeatOutcome
{
    /// <summary>The interval is 0: heartbeats are switched off.</summary>
    Off,

    /// <summary>Written less than an interval ago, labels and facts unchanged: nothing sent.</summary>
    NotDue,

    Written,

    /// <summary>Due but not written (etcd unreachable, deadline, budget spent); recorded, tried again next run.</summary>
    Failed,
}

/// <summary>
/// Writes the node's heartbeat when it is due, or when its labels or facts differ from what the last heartbeat carried,
/// after a run. Decides from the local ledger alone, so a run that is not due and changed nothing sends nothing; a due one makes one attempt within the run's reporting budget. Never throws for a central
/// problem: the error goes to the ledger (and <c>nodemonitor status</c>) and the run's verdict is untouched.
/// </summary>
public sealed class HeartbeatSender(HeartbeatLedger ledger, IHeartbeatStore store, TimeSpan interval, TimeSpan callDeadline,
    TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>True when <see cref="BeatIfDueAsync"/> would send something; lets the caller skip opening a connection.</summary>
    public bool IsDue(NodePublication? published = null) => IsDue(ledger.Read(), published ?? NodePublication.None, _clock.GetUtcNow());

    public Task<(HeartbeatOutcome Outcome, string? Error)> BeatIfDueAsync(RunResult run, DateTime budgetEndUtc, CancellationToken ct) =>
        BeatIfDueAsync(run, NodePublication.None, budgetEndUtc, ct);

    public async Task<(HeartbeatOutcome Outcome, string? Error)> BeatIfDueAsync(RunResult run, NodePublication published,
        DateTime budgetEndUtc, CancellationToken ct)
    {
        if (HeartbeatSchedule.IsOff(interval)) return (HeartbeatOutcome.Off, null);
        var now = _clock.GetUtcNow();
        if (!IsDue(ledger.Read(), published, now)) return (HeartbeatOutcome.NotDue, null);
        if (now.UtcDateTime >= budgetEndUtc)
            return Fail("the reporting budget is spent; the heartbeat is tried again next run", now);
        var callEnd = now.UtcDateTime + callDeadline;
        var status = ledger.Read();
        var lease = new HeartbeatLease(HeartbeatSchedule.ReusableLease(status, interval, now), HeartbeatSchedule.SharedLeaseTtl(interval));
        try
        {
            var write = await store.WriteAsync(run.Node, HeartbeatValue.From(run, now, interval, published).ToJson(), lease,
                callEnd < budgetEndUtc ? callEnd : budgetEndUtc, ct);
            // A granted lease's TTL runs from etcd's grant, after "now": recording it from "now" errs on the short side.
            var leaseExpiresAt = write.Granted ? now + lease.GrantTtl : status?.LeaseExpiresAt;
            ledger.RecordWritten(write.LeaseId, now, now + HeartbeatSchedule.LeaseTtl(interval), published.Fingerprint, leaseExpiresAt);
            return (HeartbeatOutcome.Written, null);
        }
        catch (CentralDeliveryException e)
        {
            return Fail(e.Message, _clock.GetUtcNow());
        }
    }

    /// <summary>Due by the clock, or because the labels and facts differ from those the last written heartbeat carried
    /// (a node that never recorded them, from before they existed, counts as carrying none).</summary>
    private bool IsDue(HeartbeatStatus? status, NodePublication published, DateTimeOffset now) =>
        !HeartbeatSchedule.IsOff(interval)
        && (HeartbeatSchedule.IsDue(status, interval, now) || (status?.Published ?? NodePublication.None.Fingerprint) != published.Fingerprint);

    private (HeartbeatOutcome, string?) Fail(string error, DateTimeOffset at)
    {
        ledger.RecordError(error, at);
        return (HeartbeatOutcome.Failed, error);
    }
}
