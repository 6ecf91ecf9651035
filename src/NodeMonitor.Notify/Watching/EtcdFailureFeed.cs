using dotnet_etcd;
using Etcdserverpb;
using Grpc.Core;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Etcd;

namespace NodeMonitor.Notify;

/// <summary>
/// Feeds the engine from <c>&lt;prefix&gt;failures/</c>: a range read at the revision it resumes from (the one the
/// state file says was fully handled), then a watch from the revision after it, so every event since is replayed. When
/// etcd has compacted that revision (or it was never read), the range read is at the current revision instead and the
/// engine sends only what differs from what people were told. When the watch ends (compacted, cancelled, not opened)
/// and every <paramref name="reconcileEvery"/> in any case, it reads the range again at the last revision it passed on
/// and watches on from there, so a re-read never skips an event.
/// </summary>
/// <param name="resumeFrom">The revision fully handled before (0: none).</param>
/// <param name="takeAsTold">The first read is what a previous sender delivered (see <see cref="RecordSnapshot.TakeAsTold"/>).</param>
public sealed class EtcdFailureFeed(EtcdClient client, string prefix, TimeSpan deadline, TimeSpan reconcileEvery,
    long resumeFrom, bool takeAsTold, Action<EngineInput> post, TimeProvider clock, Action<string> log)
{
    private readonly object _gate = new();
    private long _last = resumeFrom;
    private int _watch;

    public async Task RunAsync(CancellationToken ct)
    {
        int failures = 0;
        bool first = true;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                long revision = await ReadAsync(first && takeAsTold, ct);
                first = false;
                failures = 0;
                await WatchAsync(revision, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                failures++;
                if (failures == 1 || failures % 10 == 0) log($"{EtcdConnection.Failure($"watch {prefix}", e).Message}; retrying");
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, failures)), clock, ct);
            }
        }
    }

    private async Task WatchAsync(long revision, CancellationToken ct)
    {
        int watch;
        lock (_gate) watch = _watch;
        string? why = await PrefixWatch.RunAsync(client, prefix, revision + 1, response => OnEvents(response, watch),
            // Nothing from this watch is passed on once it is closed, so the next read starts where it stopped.
            () => { lock (_gate) _watch++; }, reconcileEvery, clock, ct);
        if (why is not null) log($"watch of {prefix} ended ({why}); reading it again");
    }

    /// <summary>Posts every record at the last revision passed on (the current one when there is none, or etcd no longer
    /// has it) and returns that revision.</summary>
    private async Task<long> ReadAsync(bool takeAsTold, CancellationToken ct)
    {
        long at;
        lock (_gate) at = _last;
        List<Mvccpb.KeyValue>? kvs = null;
        if (at > 0)
        {
            try
            {
                (kvs, at) = await new EtcdRangePages(client, deadline).ReadAllAsync(prefix, at, ct);
            }
            catch (CentralDeliveryException failed) when (failed.InnerException is RpcException { StatusCode: StatusCode.OutOfRange } e)
            {
                log($"etcd no longer has revision {at} ({e.Status.Detail}); reading {prefix} as it is now and sending the difference");
            }
        }
        if (kvs is null)
        {
            (kvs, at) = await new EtcdRangePages(client, deadline).ReadAllAsync(prefix, 0, ct);
            takeAsTold = false;
        }
        var records = new List<(string, string, long)>(kvs.Count);
        foreach (var kv in kvs)
            if (FailureView.NodeOf(kv.Key.ToStringUtf8(), prefix) is { } node) records.Add((node, kv.Value.ToStringUtf8(), kv.ModRevision));
        lock (_gate)
        {
            post(new RecordSnapshot(records, at, takeAsTold));
            _last = at;
        }
        return at;
    }

    private void OnEvents(WatchResponse response, int watch)
    {
        var changes = new List<RecordChange>(response.Events.Count);
        long last = 0;
        foreach (var e in response.Events)
        {
            last = Math.Max(last, e.Kv.ModRevision);
            if (FailureView.NodeOf(e.Kv.Key.ToStringUtf8(), prefix) is { } node)
                changes.Add(new RecordChange(node, e.Type == Mvccpb.Event.Types.EventType.Delete ? null : e.Kv.Value.ToStringUtf8(), e.Kv.ModRevision));
        }
        lock (_gate)
        {
            if (watch != _watch) return;
            if (changes.Count > 0) post(new WatchedChanges(changes));
            _last = Math.Max(_last, last);
        }
    }
}
