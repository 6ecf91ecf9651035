using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Etcd;

namespace NodeMonitor.Central;

/// <summary>
/// <c>&lt;prefix&gt;/failures/&lt;node&gt;</c> in etcd. Writes only when the value differs, in one round trip: etcd fails a
/// value compare on a missing key, so the "not equal" txn nests a second txn that creates the key when absent.
/// Every call carries an explicit UTC deadline (dotnet-etcd waits forever on a hung server without one).
/// </summary>
public sealed class EtcdFailureRecords(EtcdClient client, EtcdSettings settings) : IFailureRecordStore
{
    public async Task<bool> PutIfDifferentAsync(string node, string json, DateTime deadlineUtc, CancellationToken ct)
    {
        var key = ByteString.CopyFromUtf8(settings.FailureKey(node));
        var value = ByteString.CopyFromUtf8(json);
        var put = new RequestOp { RequestPut = new PutRequest { Key = key, Value = value } };
        var createIfAbsent = new TxnRequest();
        createIfAbsent.Compare.Add(new Compare { Key = key, Target = Compare.Types.CompareTarget.Create, Result = Compare.Types.CompareResult.Equal, CreateRevision = 0 });
        createIfAbsent.Success.Add(put);
        var txn = new TxnRequest();
        txn.Compare.Add(new Compare { Key = key, Target = Compare.Types.CompareTarget.Value, Result = Compare.Types.CompareResult.NotEqual, Value = value });
        txn.Success.Add(put);
        txn.Failure.Add(new RequestOp { RequestTxn = createIfAbsent });
        return await EtcdConnection.CallAsync($"write {settings.FailureKey(node)}", async () =>
        {
            var response = await client.TransactionAsync(txn, deadline: deadlineUtc, cancellationToken: ct);
            return response.Succeeded || response.Responses[0].ResponseTxn.Succeeded;
        }, ct);
    }

    public Task<bool> DeleteAsync(string node, DateTime deadlineUtc, CancellationToken ct) =>
        EtcdConnection.CallAsync($"delete {settings.FailureKey(node)}", async () =>
            (await client.DeleteAsync(settings.FailureKey(node), deadline: deadlineUtc, cancellationToken: ct)).Deleted > 0, ct);

    /// <summary>Every node's failure record (for <c>nodemonitor failures</c>), read in pages at one revision; a value that is
    /// not a failure record is left out.</summary>
    public async Task<IReadOnlyList<FailureRecord>> ListAsync(DateTime deadlineUtc, CancellationToken ct)
    {
        var records = new List<FailureRecord>();
        await new EtcdRangePages(client).ReadPrefixAsync(settings.FailuresPrefix, 0, keysOnly: false, (page, _) =>
        {
            foreach (var kv in page.Kvs)
                if (FailureRecord.FromUtf8(kv.Value.Span) is { } record) records.Add(record);
            return Task.CompletedTask;
        }, deadlineUtc, ct);
        return records.OrderBy(r => r.Node, StringComparer.Ordinal).ToList();
    }
}
