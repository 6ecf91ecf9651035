using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using Mvccpb;

namespace NodeMonitor.Notify;

/// <summary>
/// Every key under a prefix at one revision, read in pages of <see cref="PageSize"/> keys: one response for the whole
/// range outgrows gRPC's 4 MB message limit at fleet size (100,000 heartbeats are about 50 MB), and etcd answers a page
/// faster than a range that size. Each page has a deadline of its own.
/// </summary>
internal static class PagedRange
{
    public const int PageSize = 1000;

    /// <param name="revision">The revision to read at; 0 for the current one (the first page's, which every page then
    /// reads at).</param>
    /// <returns>The keys and values, and the revision they were read at.</returns>
    /// <exception cref="Grpc.Core.RpcException">OutOfRange: etcd has compacted <paramref name="revision"/>.</exception>
    public static async Task<(List<KeyValue> Kvs, long Revision)> ReadAsync(EtcdClient client, string prefix, long revision, TimeSpan pageDeadline,
        CancellationToken ct)
    {
        var kvs = new List<KeyValue>();
        var start = ByteString.CopyFromUtf8(prefix);
        var end = ByteString.CopyFromUtf8(EtcdClient.GetRangeEnd(prefix));
        while (true)
        {
            var response = await client.GetAsync(new RangeRequest { Key = start, RangeEnd = end, Limit = PageSize, Revision = revision },
                deadline: DateTime.UtcNow + pageDeadline, cancellationToken: ct);
            if (revision == 0) revision = response.Header.Revision;
            kvs.AddRange(response.Kvs);
            if (!response.More || response.Kvs.Count == 0) return (kvs, revision);
            // The next page starts just after the last key of this one.
            start = ByteString.CopyFrom([.. response.Kvs[^1].Key.Span, 0]);
        }
    }
}
