using NUnit.Framework;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Tests.Support;

namespace NodeMonitor.Central.Tests;

public sealed class HeartbeatSenderTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    private TemporaryDirectory _state = null!;
    private HeartbeatLedger _ledger = null!;
    private ManualClock _clock = null!;
    private RecordingHeartbeatStore _store = null!;
    private HeartbeatSender _sender = null!;

    [SetUp]
    public void SetUp()
    {
        _state = new TemporaryDirectory();
        _ledger = HeartbeatLedger.Open(_state.Path);
        _clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        _store = new RecordingHeartbeatStore();
        _sender = new HeartbeatSender(_ledger, _store, Interval, TimeSpan.FromSeconds(5), _clock);
    }

    [TearDown]
    public void TearDown()
    {
        _ledger.Dispose();
        _state.Dispose();
    }

    [Test]
    public async Task RunsEveryMinuteWriteTheHeartbeatOnceEveryTenMinutes()
    {
        for (int minute = 0; minute < 30; minute++)
        {
            await BeatAsync();
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.That(_store.Writes.Select(w => w.At.Minute), Is.EqualTo(new[] { 0, 10, 20 }));
    }

    [Test]
    public async Task TheHeartbeatCarriesTheLastRunAndALeaseOfThreeIntervals()
    {
        var run = new RunResultBuilder(_clock.GetUtcNow().AddSeconds(-5)).OnNode("web-1").Passed("disk", "Disk.Free")
            .Failed("disk", "Disk.Inodes").Build();

        await _sender.BeatIfDueAsync(run, _clock.GetUtcNow().UtcDateTime.AddSeconds(20), CancellationToken.None);

        var write = _store.Writes.Single();
        var value = HeartbeatValue.FromJson(write.Json)!;
        Assert.That((write.Node, write.Lease), Is.EqualTo(("web-1", new HeartbeatLease(null, TimeSpan.FromMinutes(120)))));
        Assert.That((value.Node, value.LastRun, value.Passed, value.Tests, value.Failed), Is.EqualTo(("web-1", run.RunId, false, 2, 1)));
        Assert.That(value.ExpiresAt, Is.EqualTo(_clock.GetUtcNow() + TimeSpan.FromMinutes(30)));
        Assert.That(_ledger.Read(), Is.EqualTo(new HeartbeatStatus(RecordingHeartbeatStore.FirstLease, _clock.GetUtcNow(),
            _clock.GetUtcNow() + TimeSpan.FromMinutes(30), _clock.GetUtcNow(), null)
        {
            Published = NodePublication.None.Fingerprint,
            LeaseExpiresAt = _clock.GetUtcNow() + TimeSpan.FromMinutes(120),
        }));
    }

    [Test]
    public async Task LaterHeartbeatsPutOnTheKeptLeaseUntilItNoLongerOutlivesOneAndThenGrantANewOne()
    {
        // Runs every minute, a few seconds late now and then, as a node's timer does.
        for (int minute = 0; minute <= 100; minute++)
        {
            await BeatAsync();
            _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(minute % 3));
        }

        // Granted at the first heartbeat for 120 minutes: reused while it has at least 30 + 5 minutes left, so eight
        // more heartbeats ride on it; the ninth grants.
        Assert.That(_store.Writes.Take(10).Select(w => w.Lease.ReuseId), Is.EqualTo(new long?[] { null, 100, 100, 100, 100, 100, 100, 100, 100, null }));
        Assert.That(_ledger.Read()!.LeaseExpiresAt, Is.EqualTo(_store.Writes[9].At + TimeSpan.FromMinutes(120)));
    }

    [Test]
    public async Task ALeaseEtcdNoLongerKnowsIsReplacedAndRecorded()
    {
        await BeatAsync();
        _store.ForgetLeases = true;
        _clock.Advance(Interval);

        await BeatAsync();

        Assert.That(_store.Writes[1].Lease.ReuseId, Is.EqualTo(RecordingHeartbeatStore.FirstLease));
        Assert.That(_ledger.Read()!.LeaseId, Is.EqualTo(RecordingHeartbeatStore.FirstLease + 1));
        Assert.That(_ledger.Read()!.LeaseExpiresAt, Is.EqualTo(_clock.GetUtcNow() + TimeSpan.FromMinutes(120)));
    }

    [Test]
    public async Task ALeaseRecordedAsGrantedInTheFutureIsNotTrustedAfterTheClockWasSteppedBack()
    {
        await BeatAsync();
        _clock.Advance(TimeSpan.FromHours(-5));

        await BeatAsync();

        Assert.That(_store.Writes.Select(w => w.Lease.ReuseId), Is.EqualTo(new long?[] { null, null }));
    }

    [Test]
    public async Task AFailedWriteIsRecordedAndRetriedByTheNextRun()
    {
        _store.FailWith = "etcd heartbeat /nodemonitor/nodes/node-1: Unavailable";
        var (outcome, error) = await BeatAsync();
        _store.FailWith = null;
        _clock.Advance(TimeSpan.FromMinutes(1));
        var (retried, _) = await BeatAsync();

        Assert.That((outcome, error), Is.EqualTo((HeartbeatOutcome.Failed, "etcd heartbeat /nodemonitor/nodes/node-1: Unavailable")));
        Assert.That(retried, Is.EqualTo(HeartbeatOutcome.Written));
        Assert.That(_ledger.Read()!.LastError, Is.Null);
    }

    [Test]
    public async Task ASpentBudgetSendsNothingAndSaysSo()
    {
        var (outcome, error) = await _sender.BeatIfDueAsync(Run(), _clock.GetUtcNow().UtcDateTime, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(HeartbeatOutcome.Failed));
        Assert.That(error, Does.Contain("budget"));
        Assert.That(_store.Writes, Is.Empty);
    }

    [Test]
    public async Task TheCallDeadlineNeverGoesPastTheBudget()
    {
        var budgetEnd = _clock.GetUtcNow().UtcDateTime.AddSeconds(2);

        await _sender.BeatIfDueAsync(Run(), budgetEnd, CancellationToken.None);

        Assert.That(_store.Writes.Single().Deadline, Is.EqualTo(budgetEnd));
    }

    [Test]
    public async Task AZeroIntervalSendsNothing()
    {
        var off = new HeartbeatSender(_ledger, _store, TimeSpan.Zero, TimeSpan.FromSeconds(5), _clock);

        var (outcome, _) = await off.BeatIfDueAsync(Run(), _clock.GetUtcNow().UtcDateTime.AddSeconds(20), CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(HeartbeatOutcome.Off));
        Assert.That(_store.Writes, Is.Empty);
    }

    private Task<(HeartbeatOutcome, string?)> BeatAsync() =>
        _sender.BeatIfDueAsync(Run(), _clock.GetUtcNow().UtcDateTime.AddSeconds(20), CancellationToken.None);

    private RunResult Run() => new RunResultBuilder(_clock.GetUtcNow().AddSeconds(-5)).Passed("disk", "Disk.Free").Build();

    private sealed class RecordingHeartbeatStore : IHeartbeatStore
    {
        public const long FirstLease = 100;

        private long _nextLease = FirstLease;

        public List<(string Node, string Json, HeartbeatLease Lease, DateTime Deadline, DateTimeOffset At)> Writes { get; } = [];
        public string? FailWith { get; set; }

        /// <summary>Like a wiped etcd: no kept lease is found, so each write grants one.</summary>
        public bool ForgetLeases { get; set; }

        public Task<HeartbeatWrite> WriteAsync(string node, string json, HeartbeatLease lease, DateTime deadlineUtc, CancellationToken ct)
        {
            if (FailWith is not null) throw new CentralDeliveryException(FailWith);
            var value = HeartbeatValue.FromJson(json)!;
            Writes.Add((node, json, lease, deadlineUtc, value.WrittenAt));
            if (lease.ReuseId is { } kept && !ForgetLeases) return Task.FromResult(new HeartbeatWrite(kept, false, 1));
            return Task.FromResult(new HeartbeatWrite(_nextLease++, true, lease.ReuseId is null ? 2 : 3));
        }
    }
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public void Advance(TimeSpan by) => _now += by;

    public override DateTimeOffset GetUtcNow() => _now;
}
