using System.Diagnostics;
using System.Text;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Fleet;

/// <summary>
/// Wraps NodeMonitor's real etcd failure-record store: translates the simulated deadline to a real one, times each call,
/// counts its write RPCs and bytes, and logs what each node delivered, in the order it was delivered. A write that changed
/// the record is passed on to the notify watch, with what it delivers: the run's own report, or one from its spool.
/// </summary>
public sealed class MeasuredRecords(IFailureRecordStore real, SimClock clock, Stats stats, DeliveryLog log, RunTally tally, RunOrigin origin)
    : IFailureRecordStore
{
    public async Task<bool> PutIfDifferentAsync(string node, string json, DateTime deadlineUtc, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        bool wrote = await Timed.CallAsync(stats, tally, 1, Encoding.UTF8.GetByteCount(json) + node.Length + 24,
            () => real.PutIfDifferentAsync(node, json, clock.ToReal(deadlineUtc), ct));
        string runId = FailureRecord.FromJson(json)!.RunId;
        log.Record(node, runId, json);
        if (wrote) Told(node, started, ownReport: runId == origin.RunId);
        return wrote;
    }

    public async Task<bool> DeleteAsync(string node, DateTime deadlineUtc, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        bool deleted = await Timed.CallAsync(stats, tally, 1, node.Length + 24, () => real.DeleteAsync(node, clock.ToReal(deadlineUtc), ct));
        log.Record(node, null, null);
        // A deletion names no run: one made by a run that found its spool empty is its own.
        if (deleted) Told(node, started, ownReport: origin.SpooledSince is null);
        return deleted;
    }

    private void Told(string node, DateTime started, bool ownReport) =>
        log.Notify?.Written(node, started, ownReport ? started : origin.SpooledSince ?? origin.RanAt,
            !ownReport ? LagKind.Spooled : origin.InFaultMinute ? LagKind.FaultMinute : LagKind.Clean);
}

/// <summary>The node run a write comes from: its id, when it ran (real time), since when its node's spool has held
/// reports (null: empty when the run began), and whether it ran in a fault minute.</summary>
public sealed record RunOrigin(string RunId, DateTime RanAt, DateTime? SpooledSince, bool InFaultMinute);

/// <summary>The real etcd heartbeat (a put on the node's kept lease, or a lease grant + put: 1-3 write RPCs, counted as
/// made), measured like <see cref="MeasuredRecords"/>. A granted lease's simulated TTL becomes real seconds at the
/// simulation's pace, so leases expire as they would in a real fleet.</summary>
public sealed class MeasuredHeartbeat(IHeartbeatStore real, SimClock clock, Stats stats, RunTally tally, Func<TimeSpan, TimeSpan> realLease)
    : IHeartbeatStore
{
    public async Task<HeartbeatWrite> WriteAsync(string node, string json, HeartbeatLease lease, DateTime deadlineUtc, CancellationToken ct)
    {
        var write = await Timed.CallAsync(stats, tally, w => w.WriteCalls, Encoding.UTF8.GetByteCount(json) + node.Length + 40,
            () => real.WriteAsync(node, json, lease with { GrantTtl = realLease(lease.GrantTtl) }, clock.ToReal(deadlineUtc), ct));
        if (write.Granted) stats.LeaseGranted();
        return write;
    }
}

/// <summary>One measured central call: counted in the run's tally, timed and counted in the minute's stats when it
/// succeeds, counted as failed when NodeMonitor's transport reports a failure (which is passed on unchanged).</summary>
internal static class Timed
{
    public static Task<T> CallAsync<T>(Stats stats, RunTally tally, int writes, long bytes, Func<Task<T>> call) =>
        CallAsync(stats, tally, _ => writes, bytes, call);

    public static async Task<T> CallAsync<T>(Stats stats, RunTally tally, Func<T, int> writes, long bytes, Func<Task<T>> call)
    {
        tally.Calls++;
        var t = Stopwatch.GetTimestamp();
        try
        {
            var result = await call();
            stats.Call(writes(result), bytes, Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            return result;
        }
        catch (CentralDeliveryException)
        {
            stats.Failed();
            throw;
        }
        finally
        {
            tally.Called(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
    }
}

/// <summary>Failure bundles: every one counted (objects and bytes); the sampled ones uploaded to the real Swift through
/// NodeMonitor's own store, the others answered with the link the real store would have made.</summary>
public sealed class CountedBundles(IFailureBundleStore? real, bool sampled, SimClock clock, Stats stats, RunTally tally) : IFailureBundleStore
{
    public async Task<BundleLink> UploadAsync(FailureBundle bundle, DateTime deadlineUtc, CancellationToken ct)
    {
        tally.Calls++;
        long bytes = bundle.Files.Values.Sum(v => (long)Encoding.UTF8.GetByteCount(v));
        if (real is not null && sampled)
        {
            var t = Stopwatch.GetTimestamp();
            try
            {
                var link = await real.UploadAsync(bundle, clock.ToReal(deadlineUtc), ct);
                stats.Swift(bundle.Files.Count, bytes, real: true);
                return link;
            }
            finally
            {
                tally.Called(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        }
        stats.Swift(bundle.Files.Count, bytes, real: false);
        return new BundleLink($"http://swift.invalid/v1/AUTH_fleet/nodemonitor/{bundle.Folder}{FailureBundle.ResultJson}", null, null);
    }
}

/// <summary>Central calls one node run attempted (to prove that runs judged quiet send nothing), and where the run's time
/// went: the calls themselves (from their start to their answer) against the rest (the node's store, waiting for a
/// thread), so a slow run says what held it.</summary>
public sealed class RunTally
{
    public int Calls { get; set; }

    /// <summary>Milliseconds from each call's start to its answer or failure, summed; the slowest one.</summary>
    public double CallMs { get; set; }

    public double SlowestCallMs { get; set; }

    public void Called(double ms)
    {
        CallMs += ms;
        SlowestCallMs = Math.Max(SlowestCallMs, ms);
    }
}
