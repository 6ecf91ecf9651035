using System.Globalization;
using System.Text.RegularExpressions;
using dotnet_etcd;
using Etcdserverpb;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Etcd.Tests;

/// <summary>The heartbeat against the real etcd: the key, the lease the node keeps across runs, what a run costs, and the
/// key's disappearance when the node falls silent. The node's own clock is a manual one; leases expire in etcd's real time.</summary>
[NonParallelizable]
[Category("Integration")]
public sealed class HeartbeatAgainstRealEtcdTests
{
    // A short interval so a lease (12 intervals = 12 s) expires within the test.
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private string _state = "";
    private string _node = "";
    private EtcdSettings _settings = null!;
    private EtcdClient _etcd = null!;
    private HeartbeatLedger _ledger = null!;
    private ManualClock _clock = null!;
    private HeartbeatSender _sender = null!;

    [SetUp]
    public void SetUp()
    {
        _state = Path.Combine(Path.GetTempPath(), "nm-heartbeat-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_state);
        _node = "node-" + Guid.NewGuid().ToString("N")[..6];
        _settings = new EtcdSettings([RealServices.EtcdUrl]) { Prefix = "/nm-test/" };
        _etcd = EtcdConnection.Create(_settings);
        _ledger = HeartbeatLedger.Open(_state);
        _clock = new ManualClock(DateTimeOffset.UtcNow);
        _sender = new HeartbeatSender(_ledger, new EtcdHeartbeat(_etcd, _settings), Interval, TimeSpan.FromSeconds(3), _clock);
    }

    [TearDown]
    public void TearDown()
    {
        _ledger.Dispose();
        _etcd.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    [Test]
    public async Task ADueHeartbeatPutsTheNodeSummaryCountingForThreeIntervalsOnALeaseOfTwelve()
    {
        var run = Runs.Make(_node, ["Disk.HasSpace"]);

        var (outcome, error) = await BeatAsync(run);

        var kv = (await _etcd.GetAsync(_settings.NodeKey(_node), deadline: Deadline())).Kvs.Single();
        var value = HeartbeatValue.FromJson(kv.Value.ToStringUtf8())!;
        var lease = await _etcd.LeaseTimeToLiveAsync(new LeaseTimeToLiveRequest { ID = kv.Lease }, deadline: Deadline());
        Assert.That((outcome, error), Is.EqualTo((HeartbeatOutcome.Written, (string?)null)));
        Assert.That((value.Node, value.LastRun, value.Passed, value.Failed), Is.EqualTo((_node, run.RunId, false, 1)));
        Assert.That(value.Version, Is.EqualTo(HeartbeatValue.CurrentVersion));
        Assert.That(value.ExpiresAt, Is.EqualTo(_clock.GetUtcNow() + 3 * Interval));
        Assert.That(lease.GrantedTTL, Is.EqualTo(12 * (long)Interval.TotalSeconds));
        Assert.That(_ledger.Read()!.LeaseId, Is.EqualTo(kv.Lease));
    }

    [Test]
    public async Task ARunInsideTheIntervalSendsNothingToEtcdAndTheNextDueOneIsOnePutOnTheKeptLease()
    {
        var run = Runs.Make(_node, []);
        var beforeFirst = await EtcdRequests.ReadAsync();
        await BeatAsync(run);
        var afterFirst = await EtcdRequests.ReadAsync();

        _clock.Advance(Interval / 2);
        var (outcome, _) = await BeatAsync(Runs.Make(_node, []));
        var afterSecond = await EtcdRequests.ReadAsync();
        _clock.Advance(Interval);
        var (third, _) = await BeatAsync(Runs.Make(_node, []));
        var afterThird = await EtcdRequests.ReadAsync();
        var kv = (await _etcd.GetAsync(_settings.NodeKey(_node), deadline: Deadline())).Kvs.Single();

        Assert.That(afterFirst - beforeFirst, Is.EqualTo(new EtcdRequests(Rpcs: 2, LeaseGrants: 1, Puts: 1)));
        Assert.That(outcome, Is.EqualTo(HeartbeatOutcome.NotDue));
        Assert.That(afterSecond - afterFirst, Is.EqualTo(new EtcdRequests(0, 0, 0)));
        Assert.That(third, Is.EqualTo(HeartbeatOutcome.Written));
        Assert.That(afterThird - afterSecond, Is.EqualTo(new EtcdRequests(Rpcs: 1, LeaseGrants: 0, Puts: 1)));
        Assert.That(HeartbeatValue.FromJson(kv.Value.ToStringUtf8())!.WrittenAt, Is.EqualTo(_clock.GetUtcNow()));
        Assert.That(kv.Lease, Is.EqualTo(_ledger.Read()!.LeaseId));
    }

    [Test]
    public async Task AKeptLeaseEtcdNoLongerKnowsIsReplacedWithinTheSameHeartbeat()
    {
        await BeatAsync(Runs.Make(_node, []));
        long kept = _ledger.Read()!.LeaseId!.Value;
        // As after etcd was wiped or restored from an older backup: the lease the node kept is unknown.
        await _etcd.LeaseRevokeAsync(new LeaseRevokeRequest { ID = kept }, deadline: Deadline());
        _clock.Advance(Interval);

        var (outcome, error) = await BeatAsync(Runs.Make(_node, []));
        var kv = (await _etcd.GetAsync(_settings.NodeKey(_node), deadline: Deadline())).Kvs.Single();

        Assert.That((outcome, error), Is.EqualTo((HeartbeatOutcome.Written, (string?)null)));
        Assert.That(kv.Lease, Is.Not.EqualTo(kept).And.EqualTo(_ledger.Read()!.LeaseId));
        Assert.That(HeartbeatValue.FromJson(kv.Value.ToStringUtf8())!.WrittenAt, Is.EqualTo(_clock.GetUtcNow()));
    }

    [Test]
    public async Task TheKeyDisappearsWhenTheLeaseExpiresWhileTheNodeStaysSilentAndComesBackWithTheNextHeartbeat()
    {
        await BeatAsync(Runs.Make(_node, []));
        var present = await _etcd.GetAsync(_settings.NodeKey(_node), deadline: Deadline());

        // No further heartbeat: etcd expires the 12 s lease and its key with it.
        await WaitUntilAsync(async () => (await _etcd.GetAsync(_settings.NodeKey(_node), deadline: Deadline())).Count == 0);
        // The node runs again much later: the lease it knew is gone, the heartbeat needs none of it.
        _clock.Advance(TimeSpan.FromHours(1));
        var (outcome, _) = await BeatAsync(Runs.Make(_node, []));
        var back = await _etcd.GetAsync(_settings.NodeKey(_node), deadline: Deadline());

        Assert.That(present.Count, Is.EqualTo(1));
        Assert.That(outcome, Is.EqualTo(HeartbeatOutcome.Written));
        Assert.That(back.Kvs.Single().Lease, Is.EqualTo(_ledger.Read()!.LeaseId));
    }

    [Test]
    public async Task ANewHeartbeatMovesTheKeyToItsNewLeaseSoThePreviousLeaseExpiringDeletesNothing()
    {
        await BeatAsync(Runs.Make(_node, []));
        long firstLease = _ledger.Read()!.LeaseId!.Value;
        // The next heartbeat on a longer lease (120 s): the first (12 s) has too little left to carry it, and the new one
        // surely outlives it in etcd's real time.
        var longerInterval = TimeSpan.FromSeconds(10);
        _clock.Advance(longerInterval);
        var longer = new HeartbeatSender(_ledger, new EtcdHeartbeat(_etcd, _settings), longerInterval, TimeSpan.FromSeconds(3), _clock);
        await longer.BeatIfDueAsync(Runs.Make(_node, []), _clock.GetUtcNow().UtcDateTime.AddSeconds(20), CancellationToken.None);
        long secondLease = _ledger.Read()!.LeaseId!.Value;

        await WaitUntilAsync(async () =>
            (await _etcd.LeaseTimeToLiveAsync(new LeaseTimeToLiveRequest { ID = firstLease }, deadline: Deadline())).TTL < 0);
        var afterFirstExpired = await _etcd.GetAsync(_settings.NodeKey(_node), deadline: Deadline());
        await _etcd.LeaseRevokeAsync(new LeaseRevokeRequest { ID = secondLease }, deadline: Deadline());

        Assert.That(secondLease, Is.Not.EqualTo(firstLease));
        Assert.That(afterFirstExpired.Kvs.Select(kv => kv.Lease), Is.EqualTo(new[] { secondLease }));
    }

    [Test]
    public async Task AnUnreachableEtcdIsRecordedAndTheNextRunTriesAgain()
    {
        var settings = _settings with { Endpoints = ["http://127.0.0.1:1"] };
        using var closed = EtcdConnection.Create(settings);
        var sender = new HeartbeatSender(_ledger, new EtcdHeartbeat(closed, settings), Interval, TimeSpan.FromSeconds(2), _clock);

        var (outcome, error) = await sender.BeatIfDueAsync(Runs.Make(_node, []), _clock.GetUtcNow().UtcDateTime.AddSeconds(20), CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(HeartbeatOutcome.Failed));
        Assert.That(error, Does.StartWith($"etcd heartbeat {_settings.NodeKey(_node)}:"));
        Assert.That(_ledger.Read()!.LastError, Is.EqualTo(error));
        Assert.That(sender.IsDue(), Is.True);
    }

    private Task<(HeartbeatOutcome, string?)> BeatAsync(RunResult run) =>
        _sender.BeatIfDueAsync(run, _clock.GetUtcNow().UtcDateTime.AddSeconds(20), CancellationToken.None);

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(5);

    /// <summary>Polls etcd (leases expire in its real time); gives up after a generous 30 s so a broken expiry fails.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (int attempt = 0; attempt < 150; attempt++)
        {
            if (await condition()) return;
            await Task.Delay(200);
        }
        Assert.Fail("etcd did not reach the expected state within 30 s");
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}

/// <summary>Requests etcd has served, from its /metrics: every gRPC call started, lease grants, and puts.</summary>
internal sealed record EtcdRequests(double Rpcs, double LeaseGrants, double Puts)
{
    public static async Task<EtcdRequests> ReadAsync()
    {
        using var http = new HttpClient();
        string text = await http.GetStringAsync($"{RealServices.EtcdUrl}/metrics");
        double Sum(string pattern) => Regex.Matches(text, pattern, RegexOptions.Multiline)
            .Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        return new EtcdRequests(Sum(@"^grpc_server_started_total\{[^}]*\} (\S+)$"),
            Sum(@"^etcd_debugging_lease_granted_total (\S+)$"), Sum(@"^etcd_mvcc_put_total (\S+)$"));
    }

    public static EtcdRequests operator -(EtcdRequests a, EtcdRequests b) =>
        new(a.Rpcs - b.Rpcs, a.LeaseGrants - b.LeaseGrants, a.Puts - b.Puts);
}
