using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;

namespace NodeMonitor.Notify;

/// <summary>One watch of a key prefix from a revision, until etcd ends it (compacted, cancelled) or a time passes.</summary>
internal static class PrefixWatch
{
    /// <param name="onEvents">Called with each response that carries events, on dotnet-etcd's thread.</param>
    /// <param name="closing">Called once the watch is over, before it is cancelled, so a late response can be ignored.</param>
    /// <returns>Why etcd ended the watch, or null when <paramref name="atMost"/> passed.</returns>
    public static async Task<string?> RunAsync(EtcdClient client, string prefix, long startRevision, Action<WatchResponse> onEvents,
        Action closing, TimeSpan atMost, TimeProvider clock, CancellationToken ct)
    {
        // No deadline on the watch: dotnet-etcd applies it to the whole stream, which then stops delivering events
        // silently once it passes. Without one it waits up to 30 s for etcd to acknowledge the watch.
        var ended = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        long watchId = await client.WatchAsync(new WatchRequest
        {
            CreateRequest = new WatchCreateRequest
            {
                Key = ByteString.CopyFromUtf8(prefix),
                RangeEnd = ByteString.CopyFromUtf8(EtcdClient.GetRangeEnd(prefix)),
                StartRevision = startRevision,
            },
        }, response =>
        {
            if (response.CompactRevision > 0 || response.Canceled)
                ended.TrySetResult(response.CompactRevision > 0 ? $"history compacted up to revision {response.CompactRevision}" : $"cancelled: {response.CancelReason}");
            else if (response.Events.Count > 0) onEvents(response);
        }, cancellationToken: ct);
        try
        {
            var first = await Task.WhenAny(ended.Task, Task.Delay(atMost, clock, ct));
            return first == ended.Task ? ended.Task.Result : null;
        }
        finally
        {
            closing();
            client.CancelWatch(watchId);
        }
    }
}
