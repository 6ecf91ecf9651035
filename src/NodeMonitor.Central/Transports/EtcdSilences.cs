using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Etcd;

namespace NodeMonitor.Central;

/// <summary><c>&lt;prefix&gt;silences/&lt;id&gt;</c> in etcd. A key is created once (never overwritten) on a lease that
/// ends a day after the silence, so expired silences stay listable for a while and then go by themselves.</summary>
public sealed class EtcdSilences(EtcdClient client, EtcdSettings settings) : ISilenceStore
{
    /// <summary>How long a key outlives its silence, for <c>silence list --all</c>.</summary>
    public static readonly TimeSpan KeptAfterEnd = TimeSpan.FromDays(1);

    public string Prefix => SilencesPrefix(settings);

    public static string SilencesPrefix(EtcdSettings settings) => $"{settings.Prefix}silences/";

    public Task<IReadOnlyList<Silence>> ListAsync(DateTime deadlineUtc, CancellationToken ct) =>
        EtcdConnection.CallAsync<IReadOnlyList<Silence>>($"read {Prefix}", async () =>
        {
            var values = await client.GetRangeValAsync(Prefix, deadline: deadlineUtc, cancellationToken: ct);
            return values.Values.Select(Silence.FromJson).OfType<Silence>().OrderBy(s => s.EndsAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
        }, ct);

    public Task AddAsync(Silence silence, DateTime deadlineUtc, CancellationToken ct) =>
        EtcdConnection.CallAsync($"write {Key(silence.Id)}", async () =>
        {
            long ttl = (long)Math.Ceiling((silence.EndsAt - DateTimeOffset.UtcNow + KeptAfterEnd).TotalSeconds);
            var lease = await client.LeaseGrantAsync(new LeaseGrantRequest { TTL = Math.Max(60, ttl) }, deadline: deadlineUtc, cancellationToken: ct);
            var key = ByteString.CopyFromUtf8(Key(silence.Id));
            var txn = new TxnRequest();
            txn.Compare.Add(new Compare { Key = key, Target = Compare.Types.CompareTarget.Create, Result = Compare.Types.CompareResult.Equal, CreateRevision = 0 });
            txn.Success.Add(new RequestOp { RequestPut = new PutRequest { Key = key, Value = ByteString.CopyFromUtf8(silence.ToJson()), Lease = lease.ID } });
            var response = await client.TransactionAsync(txn, deadline: deadlineUtc, cancellationToken: ct);
            if (!response.Succeeded) throw new CentralDeliveryException($"etcd write {Key(silence.Id)}: a silence with this id exists");
            return true;
        }, ct);

    public Task<bool> RemoveAsync(string id, DateTime deadlineUtc, CancellationToken ct) =>
        EtcdConnection.CallAsync($"delete {Key(id)}", async () =>
            (await client.DeleteAsync(Key(id), deadline: deadlineUtc, cancellationToken: ct)).Deleted > 0, ct);

    private string Key(string id) =>
        id.Length is > 0 and <= 64 && id.All(char.IsAsciiLetterOrDigit) ? Prefix + id
        : throw new SilenceRejectedException($"\"{id}\" is not a silence id (letters and digits)");
}
