using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Etcd;

namespace NodeMonitor.Central.Election;

/// <summary>
/// One etcd election, for a process that runs now and then (a <c>nodemonitor run</c> from cron) as much as for one that
/// runs for days. The leader is the key under <c>&lt;name&gt;/</c> with the lowest create revision, as in etcd's own
/// election API (so <c>etcdctl elect -l &lt;name&gt;</c> shows it), but a campaign never queues: a candidate writes its key
/// <c>&lt;name&gt;/&lt;candidate&gt;</c> only in a transaction that finds the range empty, so there is at most one key and
/// a follower writes nothing. The leader renews by moving its key to a freshly granted lease in a transaction that
/// compares the key's create revision: two unary calls, no keepalive stream to supervise, and a term that lapsed (the
/// key expired) cannot be renewed, only won again. Writes that must come from the current leader only compare the same
/// create revision (<see cref="Fence"/>), so a paused or partitioned former leader's write is refused by etcd itself.
/// Every call carries the caller's UTC deadline; a failure is a <see cref="CentralDeliveryException"/>.
/// </summary>
public sealed class EtcdElection
{
    private readonly EtcdClient _client;

    /// <param name="name">The election's key, e.g. <c>/nodemonitor/election/aggregator</c> (<see cref="KeyOf"/>).</param>
    /// <param name="candidate">Who campaigns (a node name, or any name of the same rule): the last segment of its key.</param>
    /// <param name="leaseTtl">How long a term lasts without renewal; at least 2 s (etcd's minimum lease).</param>
    public EtcdElection(EtcdClient client, string name, string candidate, TimeSpan leaseTtl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.EndsWith('/')) throw new ArgumentException($"an election name has no trailing '/': {name}", nameof(name));
        ArgumentOutOfRangeException.ThrowIfLessThan(leaseTtl, TimeSpan.FromSeconds(2));
        _client = client;
        Name = name;
        Candidate = NodeName.RequireSafe(candidate, "candidate name");
        LeaseTtl = leaseTtl;
    }

    public string Name { get; }

    public string Candidate { get; }

    public TimeSpan LeaseTtl { get; }

    public string CandidateKey => $"{Name}/{Candidate}";

    /// <summary>The key of the election named <paramref name="election"/> (e.g. "aggregator", "notify") under the prefix.</summary>
    public static string KeyOf(EtcdSettings settings, string election) =>
        $"{settings.Prefix}election/{NodeName.RequireSafe(election, "election name")}";

    /// <summary>The condition a leader's write carries: its key still has the create revision of its term.</summary>
    public static Compare Fence(ElectionLeader leadership) => new()
    {
        Key = ByteString.CopyFromUtf8(leadership.Key),
        Target = Compare.Types.CompareTarget.Create,
        Result = Compare.Types.CompareResult.Equal,
        CreateRevision = leadership.CreateRevision,
    };

    /// <summary>Who leads now, or null; one range read.</summary>
    public Task<ElectionLeader?> LeaderAsync(DateTime deadlineUtc, CancellationToken ct) =>
        EtcdConnection.CallAsync($"read election {Name}", async () =>
            LeaderFrom(await _client.GetAsync(LeaderRange(), deadline: deadlineUtc, cancellationToken: ct)), ct);

    /// <summary>
    /// One attempt, never waiting for a term: while another candidate leads, one range read and nothing written. When
    /// nobody leads, takes the election; when this candidate leads, renews its term on a fresh lease of
    /// <see cref="LeaseTtl"/> (same key, same create revision, so the fencing token stays). Either way a lease grant and
    /// one transaction that also reads back the leader.
    /// </summary>
    /// <param name="value">What the leader publishes in its key (its name, a version, an address).</param>
    public async Task<ElectionStanding> CampaignOnceAsync(string value, DateTime deadlineUtc, CancellationToken ct)
    {
        var current = await LeaderAsync(deadlineUtc, ct);
        if (current is not null && current.Candidate != Candidate) return ElectionStanding.Following(current);
        return await EtcdConnection.CallAsync($"campaign {CandidateKey}", async () =>
        {
            var lease = await _client.LeaseGrantAsync(new LeaseGrantRequest { TTL = TtlSeconds }, deadline: deadlineUtc, cancellationToken: ct);
            if (!string.IsNullOrEmpty(lease.Error)) throw new CentralDeliveryException($"etcd lease for {CandidateKey}: {lease.Error}");
            var txn = new TxnRequest();
            txn.Compare.Add(current is null ? Vacant() : Fence(current));
            txn.Success.Add(new RequestOp { RequestPut = new PutRequest
            {
                Key = ByteString.CopyFromUtf8(CandidateKey), Value = ByteString.CopyFromUtf8(value), Lease = lease.ID,
            } });
            txn.Success.Add(new RequestOp { RequestRange = LeaderRange() });
            txn.Failure.Add(new RequestOp { RequestRange = LeaderRange() });
            var response = await _client.TransactionAsync(txn, deadline: deadlineUtc, cancellationToken: ct);
            var leader = LeaderFrom(response.Responses[^1].ResponseRange);
            if (!response.Succeeded)
            {
                // Lost the race (or the term lapsed before this renewal): the unused lease holds no key; let it go.
                await _client.LeaseRevokeAsync(new LeaseRevokeRequest { ID = lease.ID }, deadline: deadlineUtc, cancellationToken: ct);
                return ElectionStanding.Following(leader);
            }
            return new ElectionStanding(leader, IsLeader: true, Acquired: current is null);
        }, ct);
    }

    /// <summary>
    /// For a long-running process: campaigns every <paramref name="retryInterval"/> until this candidate leads, and
    /// returns its term. Keep it by calling <see cref="CampaignOnceAsync"/> well within <see cref="LeaseTtl"/> (a third of
    /// it is etcd's own habit); a failed call is retried at the next interval, a cancellation ends the wait.
    /// </summary>
    public async Task<ElectionLeader> CampaignAsync(string value, TimeSpan retryInterval, TimeSpan callDeadline, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                var standing = await CampaignOnceAsync(value, DateTime.UtcNow + callDeadline, ct);
                if (standing.IsLeader) return standing.Leader!;
            }
            catch (CentralDeliveryException)
            {
                // etcd unreachable now: the next attempt asks again.
            }
            await Task.Delay(retryInterval, ct);
        }
    }

    /// <summary>Runs <paramref name="operations"/> only while <paramref name="leadership"/> is the current term; returns
    /// false, having written nothing, when it is not (another candidate leads, or the term lapsed).</summary>
    public Task<bool> FencedAsync(ElectionLeader leadership, IEnumerable<RequestOp> operations, DateTime deadlineUtc, CancellationToken ct)
    {
        var txn = new TxnRequest();
        txn.Compare.Add(Fence(leadership));
        txn.Success.AddRange(operations);
        return EtcdConnection.CallAsync($"fenced write of {leadership.Key}", async () =>
            (await _client.TransactionAsync(txn, deadline: deadlineUtc, cancellationToken: ct)).Succeeded, ct);
    }

    /// <summary>Ends the term now (so a successor need not wait for the lease); false when it was no longer held.</summary>
    public async Task<bool> ResignAsync(ElectionLeader leadership, DateTime deadlineUtc, CancellationToken ct)
    {
        var delete = new RequestOp { RequestDeleteRange = new DeleteRangeRequest { Key = ByteString.CopyFromUtf8(leadership.Key) } };
        bool resigned = await FencedAsync(leadership, [delete], deadlineUtc, ct);
        if (resigned)
            await EtcdConnection.CallAsync($"revoke lease of {leadership.Key}", () =>
                _client.LeaseRevokeAsync(new LeaseRevokeRequest { ID = leadership.LeaseId }, deadline: deadlineUtc, cancellationToken: ct), ct);
        return resigned;
    }

    /// <summary>How long the leader's lease has left (null when it is gone): for status displays.</summary>
    public Task<TimeSpan?> LeaseRemainingAsync(ElectionLeader leader, DateTime deadlineUtc, CancellationToken ct) =>
        EtcdConnection.CallAsync($"read lease of {leader.Key}", async () =>
        {
            var ttl = await _client.LeaseTimeToLiveAsync(new LeaseTimeToLiveRequest { ID = leader.LeaseId }, deadline: deadlineUtc, cancellationToken: ct);
            return ttl.TTL < 0 ? (TimeSpan?)null : TimeSpan.FromSeconds(ttl.TTL);
        }, ct);

    private long TtlSeconds => (long)Math.Ceiling(LeaseTtl.TotalSeconds);

    private ByteString RangeStart => ByteString.CopyFromUtf8(Name + "/");

    private ByteString RangeEnd => ByteString.CopyFromUtf8(EtcdClient.GetRangeEnd(Name + "/"));

    /// <summary>No key at all in the election's range: etcd compares an empty range as create revision 0.</summary>
    private Compare Vacant() => new()
    {
        Key = RangeStart,
        RangeEnd = RangeEnd,
        Target = Compare.Types.CompareTarget.Create,
        Result = Compare.Types.CompareResult.Equal,
        CreateRevision = 0,
    };

    private RangeRequest LeaderRange() => new()
    {
        Key = RangeStart,
        RangeEnd = RangeEnd,
        SortTarget = RangeRequest.Types.SortTarget.Create,
        SortOrder = RangeRequest.Types.SortOrder.Ascend,
        Limit = 1,
    };

    private ElectionLeader? LeaderFrom(RangeResponse range)
    {
        if (range.Kvs.Count == 0) return null;
        var kv = range.Kvs[0];
        string key = kv.Key.ToStringUtf8();
        return new ElectionLeader(Name, key[(Name.Length + 1)..], kv.Value.ToStringUtf8(), kv.CreateRevision, kv.Lease);
    }
}
