using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using NodeMonitor.Central.Election;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Etcd.Tests;

/// <summary>The election against the real etcd: one leader among racing candidates, renewal that keeps the fencing
/// token, takeover after the lease expires, a stale leader's fenced write refused, resignation, and etcd's own election
/// API seeing the same leader. Leases expire in etcd's real time (2 s here).</summary>
[NonParallelizable]
[Category("Integration")]
public sealed class ElectionAgainstRealEtcdTests() : ScratchPrefixFixture("election")
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);

    private string _name = "";

    [SetUp]
    public void SetUp()
    {
        _name = EtcdElection.KeyOf(Settings, "aggregator");
    }

    [Test]
    public async Task TheFirstCandidateTakesAVacantElectionAndAnotherFollowsWithoutWritingAnything()
    {
        var first = await Election("node-a").CampaignOnceAsync("node-a", Deadline(), default);
        var before = await EtcdRequests.ReadAsync();
        var second = await Election("node-b").CampaignOnceAsync("node-b", Deadline(), default);
        var cost = await EtcdRequests.ReadAsync() - before;

        Assert.That((first.IsLeader, first.Acquired, first.Leader!.Candidate), Is.EqualTo((true, true, "node-a")));
        Assert.That((second.IsLeader, second.Leader!.Candidate, second.Leader.Value), Is.EqualTo((false, "node-a", "node-a")));
        Assert.That(cost, Is.EqualTo(new EtcdRequests(Rpcs: 1, LeaseGrants: 0, Puts: 0)), "a follower's campaign is one range read");
        Assert.That((await Client.GetRangeAsync(_name + "/", deadline: Deadline())).Count, Is.EqualTo(1), "no queued key");
    }

    [Test]
    public async Task OfManyCandidatesRacingForAVacantElectionExactlyOneLeadsAndAllAgreeWhich()
    {
        var candidates = Enumerable.Range(0, 8).Select(i => Election($"node-{i}")).ToList();

        var standings = await Task.WhenAll(candidates.Select(c => c.CampaignOnceAsync(c.Candidate, Deadline(), default)));

        Assert.That(standings.Count(s => s.IsLeader), Is.EqualTo(1));
        string leader = standings.Single(s => s.IsLeader).Leader!.Candidate;
        Assert.That(standings.Select(s => s.Leader?.Candidate), Is.All.EqualTo(leader));
        Assert.That((await Client.GetRangeAsync(_name + "/", deadline: Deadline())).Count, Is.EqualTo(1));
    }

    [Test]
    public async Task ARenewalMovesTheKeyToAFreshLeaseAndKeepsTheFencingToken()
    {
        var election = Election("node-a");
        var first = (await election.CampaignOnceAsync("v1", Deadline(), default)).Leader!;

        var renewed = await election.CampaignOnceAsync("v2", Deadline(), default);

        Assert.That((renewed.IsLeader, renewed.Acquired), Is.EqualTo((true, false)));
        Assert.That(renewed.Leader!.FencingToken, Is.EqualTo(first.FencingToken));
        Assert.That(renewed.Leader.LeaseId, Is.Not.EqualTo(first.LeaseId));
        Assert.That(renewed.Leader.Value, Is.EqualTo("v2"));
        Assert.That(await election.LeaseRemainingAsync(renewed.Leader, Deadline(), default), Is.GreaterThan(TimeSpan.Zero));
    }

    [Test]
    public async Task WhenTheLeaderStopsRenewingAnotherCandidateTakesOverOnceTheLeaseExpires()
    {
        var a = Election("node-a");
        var b = Election("node-b");
        var old = (await a.CampaignOnceAsync("node-a", Deadline(), default)).Leader!;
        var whileLeading = await b.CampaignOnceAsync("node-b", Deadline(), default);

        var taken = await WaitForAsync(() => b.CampaignOnceAsync("node-b", Deadline(), default), s => s.IsLeader);
        var formerLeaderNow = await a.CampaignOnceAsync("node-a", Deadline(), default);

        Assert.That(whileLeading.IsLeader, Is.False);
        Assert.That((taken.Acquired, taken.Leader!.Candidate), Is.EqualTo((true, "node-b")));
        Assert.That(taken.Leader.FencingToken, Is.GreaterThan(old.FencingToken));
        Assert.That((formerLeaderNow.IsLeader, formerLeaderNow.Leader!.Candidate), Is.EqualTo((false, "node-b")),
            "a lapsed term is not renewed: the former leader follows");
    }

    [Test]
    public async Task AStaleLeadersFencedWriteIsRefusedAndTheNewLeadersIsApplied()
    {
        var a = Election("node-a");
        var b = Election("node-b");
        var stale = (await a.CampaignOnceAsync("node-a", Deadline(), default)).Leader!;
        var current = (await WaitForAsync(() => b.CampaignOnceAsync("node-b", Deadline(), default), s => s.IsLeader)).Leader!;
        string key = Settings.Prefix + "failures/@cluster";

        bool newWrite = await b.FencedAsync(current, [Put(key, "from node-b")], Deadline(), default);
        bool staleWrite = await a.FencedAsync(stale, [Put(key, "from node-a")], Deadline(), default);

        Assert.That((newWrite, staleWrite), Is.EqualTo((true, false)));
        Assert.That(await Client.GetValAsync(key, deadline: Deadline()), Is.EqualTo("from node-b"));
    }

    [Test]
    public async Task AStaleLeaderWhoseKeyWasRecreatedByItselfIsStillFencedOut()
    {
        // The same candidate wins a new term after its old one lapsed: the old term's token must not pass.
        var a = Election("node-a");
        var oldTerm = (await a.CampaignOnceAsync("node-a", Deadline(), default)).Leader!;
        await WaitForAsync(async () => ElectionStanding.Following(await a.LeaderAsync(Deadline(), default)), s => s.Leader is null);
        var newTerm = (await a.CampaignOnceAsync("node-a", Deadline(), default)).Leader!;

        bool oldWrite = await a.FencedAsync(oldTerm, [Put(Settings.Prefix + "x", "old")], Deadline(), default);
        bool newWrite = await a.FencedAsync(newTerm, [Put(Settings.Prefix + "x", "new")], Deadline(), default);

        Assert.That((oldWrite, newWrite), Is.EqualTo((false, true)));
    }

    [Test]
    public async Task AResignedLeaderLetsTheNextCandidateLeadAtOnce()
    {
        var a = Election("node-a");
        var term = (await a.CampaignOnceAsync("node-a", Deadline(), default)).Leader!;

        bool resigned = await a.ResignAsync(term, Deadline(), default);
        var b = await Election("node-b").CampaignOnceAsync("node-b", Deadline(), default);
        bool again = await a.ResignAsync(term, Deadline(), default);

        Assert.That((resigned, b.IsLeader, again), Is.EqualTo((true, true, false)));
    }

    [Test]
    public async Task ALongRunningCampaignWaitsWhileAnotherLeadsAndWinsWhenItResigns()
    {
        var a = Election("node-a");
        var term = (await a.CampaignOnceAsync("node-a", Deadline(), default)).Leader!;
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var waiting = Election("node-b").CampaignAsync("node-b", TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), guard.Token);
        await Task.Delay(600);
        bool stillWaiting = !waiting.IsCompleted;
        await a.ResignAsync(term, Deadline(), default);
        var won = await waiting;

        Assert.That(stillWaiting, Is.True);
        Assert.That(won.Candidate, Is.EqualTo("node-b"));
    }

    [Test]
    public async Task EtcdsOwnElectionApiSeesTheSameLeader()
    {
        await Election("node-a").CampaignOnceAsync("node-a-value", Deadline(), default);

        var leader = await Client.LeaderAsync(new V3Electionpb.LeaderRequest { Name = ByteString.CopyFromUtf8(_name) }, deadline: Deadline());

        Assert.That(leader.Kv.Key.ToStringUtf8(), Is.EqualTo(_name + "/node-a"));
        Assert.That(leader.Kv.Value.ToStringUtf8(), Is.EqualTo("node-a-value"));
    }

    [Test]
    public void AnUnreachableEtcdIsADeliveryErrorNamingTheElection()
    {
        using var closed = EtcdConnection.Create(Settings with { Endpoints = ["http://127.0.0.1:1"] });
        var election = new EtcdElection(closed, _name, "node-a", Ttl);

        var error = Assert.ThrowsAsync<CentralDeliveryException>(() => election.CampaignOnceAsync("x", Deadline(), default));

        Assert.That(error!.Message, Does.StartWith($"etcd read election {_name}:"));
    }

    private EtcdElection Election(string candidate) => new(Client, _name, candidate, Ttl);

    private static RequestOp Put(string key, string value) =>
        new() { RequestPut = new PutRequest { Key = ByteString.CopyFromUtf8(key), Value = ByteString.CopyFromUtf8(value) } };

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(5);

    /// <summary>Repeats <paramref name="attempt"/> (leases expire in etcd's real time) for at most 20 s.</summary>
    private static async Task<ElectionStanding> WaitForAsync(Func<Task<ElectionStanding>> attempt, Func<ElectionStanding, bool> done)
    {
        for (int i = 0; i < 100; i++)
        {
            var standing = await attempt();
            if (done(standing)) return standing;
            await Task.Delay(200);
        }
        Assert.Fail("the election did not change hands within 20 s");
        return null!;
    }
}
