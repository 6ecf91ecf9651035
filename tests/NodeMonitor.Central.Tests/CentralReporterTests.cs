using NUnit.Framework;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Tests.Support;

namespace NodeMonitor.Central.Tests;

/// <summary>The reporter's decisions and delivery with a real spool (SQLite) and recording stores in place of Swift and
/// etcd, on a clock that only the stores move.</summary>
public sealed class CentralReporterTests
{
    private const string Node = "web-02";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(5);

    private TemporaryDirectory _state = null!;
    private CentralOutbox _outbox = null!;
    private SteppingClock _clock = null!;
    private RecordingBundles _bundles = null!;
    private RecordingRecords _records = null!;
    private CentralReporter _reporter = null!;
    private int _runs;

    [SetUp]
    public void SetUp()
    {
        _state = new TemporaryDirectory();
        _outbox = CentralOutbox.Open(_state.Path);
        _clock = new SteppingClock(Start);
        _bundles = new RecordingBundles(_clock);
        _records = new RecordingRecords();
        _reporter = new CentralReporter(Node, _outbox, _bundles, _records,
            new ReportSettings { Budget = TimeSpan.FromSeconds(20), Refresh = TimeSpan.FromHours(1) }, CallDeadline, _clock);
        _runs = 0;
    }

    [TearDown]
    public void TearDown()
    {
        _outbox.Dispose();
        _state.Dispose();
    }

    [Test]
    public async Task AHealthyNodeWithAnEmptySpoolSendsNothing()
    {
        var run = Run();

        var decided = _reporter.Decide(run, null);
        var delivered = await _reporter.DeliverAsync(default);

        Assert.That(decided, Is.Null);
        Assert.That(delivered, Is.EqualTo((0, 0, (string?)null)));
        Assert.That(_bundles.Uploads, Is.Empty);
        Assert.That((_records.Puts.Count, _records.Deletes), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task TheSameFailureAgainIsNotReportedTwice()
    {
        var (run1, state1) = Failing("Disk.HasSpace");
        var (run2, state2) = Failing("Disk.HasSpace");

        var first = _reporter.Decide(run1, state1);
        await _reporter.DeliverAsync(default);
        var second = _reporter.Decide(run2, state2);
        var again = await _reporter.DeliverAsync(default);

        Assert.That(first, Is.EqualTo(ReportKind.Failure));
        Assert.That(second, Is.Null);
        Assert.That(again.Delivered, Is.Zero);
        Assert.That(_bundles.Uploads, Has.Count.EqualTo(1));
        Assert.That(_records.Puts, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task SpooledReportsAreDeliveredOldestFirstAndOnlyTheNewestWritesTheRecord()
    {
        var reports = new[] { Failing("A.One"), Failing("A.One", "A.Two"), Failing("A.Two") };
        foreach (var (run, state) in reports) _reporter.Decide(run, state);

        var outcome = await _reporter.DeliverAsync(default);

        Assert.That(outcome, Is.EqualTo((3, 0, (string?)null)));
        Assert.That(_bundles.Uploads.Select(u => u.RunId), Is.EqualTo(reports.Select(r => r.Run.RunId)), "every bundle, oldest first");
        Assert.That(_records.Puts, Has.Count.EqualTo(1));
        var record = FailureRecord.FromJson(_records.Puts.Single())!;
        Assert.That(record.RunId, Is.EqualTo(reports[2].Run.RunId));
        Assert.That(record.FailingTests, Is.EqualTo(new[] { "checks: A.Two" }));
        Assert.That(record.ObjectUrl, Does.Contain(reports[2].Run.RunId), "the record links the newest bundle");
        Assert.That(_outbox.Status().DeliveredSignature, Is.EqualTo(reports[2].State.Signature));
    }

    [Test]
    public async Task AFailedCallStopsDeliveryKeepsTheRestInOrderAndTheNextDeliveryResumes()
    {
        var reports = new[] { Failing("A.One"), Failing("A.Two"), Failing("A.Three") };
        foreach (var (run, state) in reports) _reporter.Decide(run, state);
        _bundles.FailOnUpload = 2;

        var failed = await _reporter.DeliverAsync(default);

        Assert.That(failed, Is.EqualTo((1, 2, (string?)"Swift PUT: HTTP 503")));
        Assert.That(_outbox.Pending().Select(e => e.RunId), Is.EqualTo(new[] { reports[1].Run.RunId, reports[2].Run.RunId }));
        Assert.That(_outbox.Status().LastError, Is.EqualTo("Swift PUT: HTTP 503"));
        Assert.That(_records.Puts, Is.Empty, "the record waits for the newest report");

        _bundles.FailOnUpload = null;
        var resumed = await _reporter.DeliverAsync(default);

        Assert.That(resumed, Is.EqualTo((2, 0, (string?)null)));
        Assert.That(_bundles.Uploads.Select(u => u.RunId), Is.EqualTo(reports.Select(r => r.Run.RunId)));
        Assert.That(FailureRecord.FromJson(_records.Puts.Single())!.RunId, Is.EqualTo(reports[2].Run.RunId));
        Assert.That(_outbox.Status().LastError, Is.Null);
    }

    [Test]
    public async Task WhatDoesNotFitTheBudgetStaysSpooledAndNoCallOutlivesTheBudget()
    {
        _bundles.TimePerUpload = TimeSpan.FromSeconds(8); // budget 20 s: the third report's record no longer fits
        var reports = new[] { Failing("A.One"), Failing("A.Two"), Failing("A.Three") };
        foreach (var (run, state) in reports) _reporter.Decide(run, state);
        var budgetEnd = Start.UtcDateTime.AddSeconds(20);

        var outcome = await _reporter.DeliverAsync(default);

        Assert.That(outcome.Delivered, Is.EqualTo(2));
        Assert.That(outcome.Pending, Is.EqualTo(1));
        Assert.That(outcome.Error, Does.Contain("budget of 20 s is spent"));
        Assert.That(_outbox.Pending().Single().RunId, Is.EqualTo(reports[2].Run.RunId));
        Assert.That(_bundles.Uploads.Select(u => u.Deadline), Is.All.LessThanOrEqualTo(budgetEnd));
        Assert.That(_bundles.Uploads[0].Deadline, Is.EqualTo(Start.UtcDateTime + CallDeadline), "a call gets its own deadline within the budget");
        Assert.That(_records.Puts, Is.Empty);
    }

    [Test]
    public async Task ARecoverySpooledBehindItsFailureUploadsTheBundleButWritesNoRecordAndDeletesTheKey()
    {
        var (run, state) = Failing("Net.Gateway");
        _reporter.Decide(run, state);
        var recovered = _reporter.Decide(Run(), null);

        var outcome = await _reporter.DeliverAsync(default);

        Assert.That(recovered, Is.EqualTo(ReportKind.Recovery));
        Assert.That(outcome, Is.EqualTo((2, 0, (string?)null)));
        Assert.That(_bundles.Uploads.Select(u => u.RunId), Is.EqualTo(new[] { run.RunId }), "the failure's evidence is kept");
        Assert.That(_records.Puts, Is.Empty, "a record that would be deleted at once is never written");
        Assert.That(_records.Deletes, Is.EqualTo(1));
        Assert.That(_outbox.Status().IntendedSignature, Is.Null);
        Assert.That(_outbox.Status().DeliveredSignature, Is.Null);
    }

    [Test]
    public async Task ARecoveryDeletesTheRecordOnceAndLaterHealthyRunsSendNothing()
    {
        var (run, state) = Failing("Net.Gateway");
        _reporter.Decide(run, state);
        await _reporter.DeliverAsync(default);

        var recovery = _reporter.Decide(Run(), null);
        await _reporter.DeliverAsync(default);
        var later = _reporter.Decide(Run(), null);
        await _reporter.DeliverAsync(default);

        Assert.That((recovery, later), Is.EqualTo(((ReportKind?)ReportKind.Recovery, (ReportKind?)null)));
        Assert.That(_records.Deletes, Is.EqualTo(1));
    }

    [Test]
    public async Task AnUnchangedFailureIsReportedAgainOnlyAfterTheRefreshInterval()
    {
        var (run1, state1) = Failing("Disk.HasSpace");
        _reporter.Decide(run1, state1);
        await _reporter.DeliverAsync(default);

        _clock.Advance(TimeSpan.FromMinutes(59));
        var (runEarly, stateEarly) = Failing("Disk.HasSpace");
        var early = _reporter.Decide(runEarly, stateEarly);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var (run2, state2) = Failing("Disk.HasSpace");
        var due = _reporter.Decide(run2, state2);
        await _reporter.DeliverAsync(default);

        Assert.That(early, Is.Null);
        Assert.That(due, Is.EqualTo(ReportKind.Failure));
        Assert.That(_bundles.Uploads.Select(u => u.RunId), Is.EqualTo(new[] { run1.RunId, run2.RunId }), "a fresh bundle and link");
    }

    [Test]
    public async Task AReportWhoseBundleWasUploadedBeforeEtcdFailedReusesItWhenDeliveredAgain()
    {
        var (run, state) = Failing("A.One");
        _reporter.Decide(run, state);
        _records.Down = true;
        var whileDown = await _reporter.DeliverAsync(default);
        _records.Down = false;

        var afterOutage = await _reporter.DeliverAsync(default);

        Assert.That(whileDown.Pending, Is.EqualTo(1));
        Assert.That(afterOutage, Is.EqualTo((1, 0, (string?)null)));
        Assert.That(_bundles.Uploads.Select(u => u.RunId), Is.EqualTo(new[] { run.RunId }), "uploaded once, not again after the outage");
        Assert.That(FailureRecord.FromJson(_records.Puts.Single())!.ObjectUrl, Does.Contain(run.RunId));
    }

    private RunResult Run(params string[] failing)
    {
        var at = _clock.GetUtcNow().AddSeconds(++_runs);
        var builder = new RunResultBuilder(at).OnNode(Node).WithRunId($"run-{_runs:D2}").Passed("checks", "A.Passes");
        foreach (string test in failing) builder.Failed("checks", test);
        return builder.Build();
    }

    private (RunResult Run, FailureState State) Failing(params string[] tests)
    {
        var run = Run(tests);
        var failures = tests.Select(t => new HardFailure("checks", t, Start, 1, "expected true but was false")).ToList();
        return (run, new FailureState(Node, run.RunId, run.EndTime, failures));
    }

    /// <summary>Time moves only when a fake store says a call took time.</summary>
    private sealed class SteppingClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }

    private sealed class RecordingBundles(SteppingClock clock) : IFailureBundleStore
    {
        public List<(string RunId, DateTime Deadline)> Uploads { get; } = [];

        /// <summary>The n-th upload attempt (from 1) fails with HTTP 503.</summary>
        public int? FailOnUpload { get; set; }

        public TimeSpan TimePerUpload { get; set; } = TimeSpan.Zero;

        private int _attempts;

        public Task<BundleLink> UploadAsync(FailureBundle bundle, DateTime deadlineUtc, CancellationToken ct)
        {
            if (++_attempts == FailOnUpload) throw new CentralDeliveryException("Swift PUT: HTTP 503");
            clock.Advance(TimePerUpload);
            Uploads.Add((bundle.RunId, deadlineUtc));
            return Task.FromResult(new BundleLink($"http://swift/v1/AUTH_t/nodemonitor/{bundle.Folder}result.json", null, null));
        }
    }

    private sealed class RecordingRecords : IFailureRecordStore
    {
        public List<string> Puts { get; } = [];
        public int Deletes { get; private set; }

        /// <summary>Every write fails with Unavailable, as while etcd is stopped.</summary>
        public bool Down { get; set; }

        public Task<bool> PutIfDifferentAsync(string node, string json, DateTime deadlineUtc, CancellationToken ct)
        {
            if (Down) throw new CentralDeliveryException("etcd write: Unavailable (Connection refused)");
            Puts.Add(json);
            return Task.FromResult(true);
        }

        public Task<bool> DeleteAsync(string node, DateTime deadlineUtc, CancellationToken ct)
        {
            Deletes++;
            return Task.FromResult(true);
        }
    }
}
