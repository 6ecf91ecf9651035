using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using Grpc.Core;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Etcd;

namespace NodeMonitor.Central;

/// <summary>
/// Reads a key range in pages, all at one revision (the first page's, unless given), and hands each page on while the
/// next one is already being fetched. A page's length in keys follows the size of the values read so far, so a page
/// stays near <see cref="TargetPageBytes"/> whatever the values weigh: far below gRPC's 4 MB message limit, and few
/// enough pages that etcd (whose range walks its index from the page's start) is not asked a hundred times. Values are
/// bounded only by etcd's request limit (1.5 MB by default), so a page that still exceeds the message limit is asked
/// again with a quarter of the keys, down to one. With <paramref name="pageDeadline"/>, each page has that long from its
/// request instead of all pages sharing one deadline (a reader that must get through a whole fleet however slow etcd is).
/// </summary>
public sealed class EtcdRangePages(EtcdClient client, TimeSpan? pageDeadline = null)
{
    public const int FirstPageKeys = 1000;
    public const int MaxPageKeys = 10_000;
    public const int TargetPageBytes = 1 << 20;

    /// <summary>Reads [<paramref name="start"/>, <paramref name="end"/>) at <paramref name="revision"/> (0: the current one,
    /// fixed by the first page), keys with <paramref name="minModRevision"/> or later only when that is above 0.</summary>
    /// <returns>The revision read at.</returns>
    /// <exception cref="CentralDeliveryException">A call failed or did not finish in time.</exception>
    public async Task<long> ReadAsync(ByteString start, ByteString end, long revision, bool keysOnly, long minModRevision,
        Func<RangeResponse, long, Task> eachPage, string what, DateTime deadlineUtc, CancellationToken ct)
    {
        int keys = FirstPageKeys;
        var pending = FetchAsync(start, end, keys, revision, keysOnly, minModRevision, what, deadlineUtc, ct);
        while (true)
        {
            var page = await pending;
            if (revision == 0) revision = page.Header.Revision;
            bool more = page.More && page.Kvs.Count > 0;
            if (more)
            {
                keys = NextPageKeys(page);
                // The next page starts just after the last key of this one.
                pending = FetchAsync(After(page.Kvs[^1].Key), end, keys, revision, keysOnly, minModRevision, what, deadlineUtc, ct);
            }
            try
            {
                await eachPage(page, revision);
            }
            catch
            {
                if (more) _ = pending.ContinueWith(t => t.Exception, TaskScheduler.Default);
                throw;
            }
            if (!more) return revision;
        }
    }

    /// <summary>Every key under <paramref name="prefix"/>.</summary>
    public Task<long> ReadPrefixAsync(string prefix, long revision, bool keysOnly, Func<RangeResponse, long, Task> eachPage,
        DateTime deadlineUtc, CancellationToken ct) =>
        ReadAsync(ByteString.CopyFromUtf8(prefix), ByteString.CopyFromUtf8(EtcdClient.GetRangeEnd(prefix)), revision, keysOnly, 0, eachPage,
            $"read {prefix}", deadlineUtc, ct);

    /// <summary>Every key and value under <paramref name="prefix"/> at <paramref name="revision"/> (0: the current one).</summary>
    /// <returns>The keys and values, and the revision they were read at.</returns>
    /// <exception cref="CentralDeliveryException">A call failed; OutOfRange inside when etcd has compacted the revision.</exception>
    public async Task<(List<Mvccpb.KeyValue> Kvs, long Revision)> ReadAllAsync(string prefix, long revision, CancellationToken ct)
    {
        var kvs = new List<Mvccpb.KeyValue>();
        long at = await ReadPrefixAsync(prefix, revision, keysOnly: false, (page, _) =>
        {
            kvs.AddRange(page.Kvs);
            return Task.CompletedTask;
        }, DateTime.MaxValue, ct);
        return (kvs, at);
    }

    /// <summary>The smallest key after <paramref name="key"/>.</summary>
    public static ByteString After(ByteString key) => ByteString.CopyFrom([.. key.Span, 0]);

    /// <summary>As many keys as make <see cref="TargetPageBytes"/> at this page's bytes per key.</summary>
    internal static int NextPageKeys(RangeResponse page)
    {
        long perKey = Math.Max(1, page.CalculateSize() / Math.Max(1, page.Kvs.Count));
        return (int)Math.Clamp(TargetPageBytes / perKey, 1, MaxPageKeys);
    }

    private Task<RangeResponse> FetchAsync(ByteString start, ByteString end, int keys, long revision, bool keysOnly, long minModRevision,
        string what, DateTime deadlineUtc, CancellationToken ct) =>
        EtcdConnection.CallAsync(what, async () =>
        {
            while (true)
            {
                var request = new RangeRequest
                {
                    Key = start, RangeEnd = end, Limit = keys, Revision = revision, KeysOnly = keysOnly, MinModRevision = minModRevision,
                };
                try
                {
                    var deadline = pageDeadline is { } each ? DateTime.UtcNow + each : deadlineUtc;
                    return await client.GetAsync(request, deadline: deadline, cancellationToken: ct);
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted && keys > 1)
                {
                    keys = Math.Max(1, keys / 4); // the page's values outgrew the message limit: fewer of them
                }
            }
        }, ct);
}
