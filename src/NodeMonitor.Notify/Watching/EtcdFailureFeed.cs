using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using NodeMonitor.Etcd;

namespace NodeMonitor.Notify;

/// <summary>
/// Feeds the engine from <c>&lt;prefix&gt;failures/</c>: a range read, then a watch from the revision after it. When
/// etcd has compacted that history (the watch is cancelled with a compact revision), when the watch cannot be opened,
/// and every <paramref name="reconcileEvery"/> in any case, it reads the whole range again; the engine then sends only
/// what differs from what people were told.
/// </summary>
public sealed class EtcdFailureFeed(EtcdClient client, string prefix, TimeSpan deadline, TimeSpan reconcileEvery,
    Action<EngineInput> post, TimeProvider clock, Action<string> log)
{
    public async Task RunAsync(CancellationToken ct)
    {
        int failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                long revision = await ReadAllAsync(ct);
                // No deadline on the watch: dotnet-etcd applies it to the whole stream, which then stops delivering
                // events silently once it passes. Without one it waits up to 30 s for etcd to acknowledge the watch.
                failures = 0;
                var ended = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                long watchId = await client.WatchAsync(new WatchRequest
                {
                    CreateRequest = new WatchCreateRequest
                    {
                        Key = ByteString.CopyFromUtf8(prefix),
                        RangeEnd = ByteString.CopyFromUtf8(EtcdClient.GetRangeEnd(prefix)),
                        StartRevision = revision + 1,
                    },
                }, response => OnResponse(response, ended), cancellationToken: ct);
                try
                {
                    var why = await Task.WhenAny(ended.Task, Task.Delay(reconcileEvery, clock, ct));
                    if (why == ended.Task) log($"watch of {prefix} ended ({ended.Task.Result}); reading it whole again");
                }
                finally
                {
                    client.CancelWatch(watchId);
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                failures++;
                if (failures == 1 || failures % 10 == 0) log($"{EtcdConnection.Failure($"watch {prefix}", e).Message}; retrying");
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, failures)), clock, ct);
            }
        }
    }

    private async Task<long> ReadAllAsync(CancellationToken ct)
    {
        var response = await client.GetRangeAsync(prefix, deadline: DateTime.UtcNow + deadline, cancellationToken: ct);
        var records = new List<(string, string, long)>(response.Kvs.Count);
        foreach (var kv in response.Kvs)
            if (FailureView.NodeOf(kv.Key.ToStringUtf8(), prefix) is { } node) records.Add((node, kv.Value.ToStringUtf8(), kv.ModRevision));
        post(new RecordSnapshot(records, response.Header.Revision));
        return response.Header.Revision;
    }

    private void OnResponse(WatchResponse response, TaskCompletionSource<string> ended)
    {
        if (response.CompactRevision > 0 || response.Canceled)
        {
            ended.TrySetResult(response.CompactRevision > 0 ? $"history compacted up to revision {response.CompactRevision}" : $"cancelled: {response.CancelReason}");
            return;
        }
        var changes = new List<RecordChange>(response.Events.Count);
        foreach (var e in response.Events)
            if (FailureView.NodeOf(e.Kv.Key.ToStringUtf8(), prefix) is { } node)
                changes.Add(new RecordChange(node, e.Type == Mvccpb.Event.Types.EventType.Delete ? null : e.Kv.Value.ToStringUtf8(), e.Kv.ModRevision));
        if (changes.Count > 0) post(new WatchedChanges(changes));
    }
}
