using NodeMonitor.Core.Storage;
using NUnit.Framework;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Tests.Support;

namespace NodeMonitor.Central.Tests;

/// <summary>The link to the failure bundle that <c>nodemonitor status</c> and the dashboard show: stored when a bundle is
/// delivered, kept while the node still fails, cleared once the recovery reaches the centre.</summary>
public sealed class BundleLinkTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private TemporaryDirectory _state = null!;
    private CentralOutbox _outbox = null!;
    private LinkingBundleStore _bundles = null!;
    private SwitchableRecordStore _records = null!;
    private ManualClock _clock = null!;
    private CentralReporter _reporter = null!;

    [SetUp]
    public void SetUp()
    {
        _state = new TemporaryDirectory();
        _outbox = CentralOutbox.Open(_state.Path);
        _clock = new ManualClock(Start);
        _bundles = new LinkingBundleStore();
        _records = new SwitchableRecordStore();
        _reporter = new CentralReporter("node-1", _outbox, _bundles, _records, ReportSettings.Default, TimeSpan.FromSeconds(5), _clock);
    }

    [TearDown]
    public void TearDown()
    {
        _outbox.Dispose();
        _state.Dispose();
    }

    [Test]
    public async Task ADeliveredFailureStoresTheLinkOfItsBundle()
    {
        var run = await ReportAsync("Disk.Free");

        Assert.That(_outbox.BundleLink(), Is.EqualTo(new DeliveredBundle(run.RunId, _bundles.LinkOf(run.RunId))));
    }

    [Test]
    public async Task TheSameFailureAgainKeepsTheFirstLink()
    {
        var first = await ReportAsync("Disk.Free");
        await ReportAsync("Disk.Free");

        Assert.That(_outbox.BundleLink()!.RunId, Is.EqualTo(first.RunId));
        Assert.That(_bundles.Uploads, Is.EqualTo(1));
    }

    [Test]
    public async Task AChangedFailureReplacesTheLink()
    {
        await ReportAsync("Disk.Free");
        var changed = await ReportAsync("Disk.Free", "Net.Gateway");

        Assert.That(_outbox.BundleLink()!.RunId, Is.EqualTo(changed.RunId));
    }

    [Test]
    public async Task ADeliveredRecoveryClearsTheLink()
    {
        await ReportAsync("Disk.Free");
        await ReportAsync();

        Assert.That(_outbox.BundleLink(), Is.Null);
    }

    [Test]
    public async Task ARecoveryThatCannotBeDeliveredKeepsTheLinkUntilItIs()
    {
        await ReportAsync("Disk.Free");
        _records.Down = true;
        await ReportAsync();
        var whileSpooled = _outbox.BundleLink();
        _records.Down = false;
        await _reporter.DeliverAsync(CancellationToken.None);

        Assert.That(whileSpooled, Is.Not.Null);
        Assert.That(_outbox.BundleLink(), Is.Null);
    }

    [Test]
    public async Task TheStatusReadModelShowsTheLinkAndPendingDelivery()
    {
        var run = await ReportAsync("Disk.Free");
        _records.Down = true;
        await ReportAsync("Disk.Free", "Net.Gateway");

        using var reader = CentralStatusReader.Open(_state.Path);
        var status = reader.Read();

        Assert.That(status.FailureBundle!.RunId, Is.Not.EqualTo(run.RunId), "the second bundle was uploaded before etcd refused");
        Assert.That(status.DeliveryState, Is.EqualTo(CentralDeliveryState.Pending));
        Assert.That(status.Delivery.LastError, Is.EqualTo(SwitchableRecordStore.DownMessage));
        Assert.That((status.Heartbeat, status.Sync), Is.EqualTo(((HeartbeatStatus?)null, (SyncStatus?)null)));
    }

    [Test]
    public void TheLinkForPeopleIsTheTempUrlWhileValidThenTheObjectUrl()
    {
        var bundle = new DeliveredBundle("r1", new BundleLink("https://swift/v1/AUTH_t/c/o", "https://swift/v1/AUTH_t/c/o?temp_url_sig=x",
            Start.AddDays(7)));

        Assert.That(bundle.UrlAt(Start), Is.EqualTo("https://swift/v1/AUTH_t/c/o?temp_url_sig=x"));
        Assert.That(bundle.UrlAt(Start.AddDays(7)), Is.EqualTo("https://swift/v1/AUTH_t/c/o"));
    }

    /// <summary>One run a minute later than the last, with the named tests failing (retries 0: hard at once).</summary>
    private async Task<RunResult> ReportAsync(params string[] failing)
    {
        _clock.Advance(TimeSpan.FromMinutes(1));
        var builder = new RunResultBuilder(_clock.GetUtcNow()).WithRunId($"run-{_clock.GetUtcNow():HHmm}");
        foreach (var test in new[] { "Disk.Free", "Net.Gateway" })
            builder = failing.Contains(test) ? builder.Failed("checks", test) : builder.Passed("checks", test);
        var run = builder.Build();
        var state = failing.Length == 0 ? null : new FailureState(run.Node, run.RunId, run.EndTime,
            failing.Select(t => new HardFailure("checks", t, Start, 1, "failed")).ToList());
        _reporter.Decide(run, state);
        await _reporter.DeliverAsync(CancellationToken.None);
        return run;
    }

    private sealed class LinkingBundleStore : IFailureBundleStore
    {
        public int Uploads { get; private set; }

        public BundleLink LinkOf(string runId) => new($"https://swift/v1/AUTH_t/nodemonitor/node-1/failures/{runId}/output.log",
            $"https://swift/v1/AUTH_t/nodemonitor/node-1/failures/{runId}/output.log?temp_url_sig=s", Start.AddDays(7));

        public Task<BundleLink> UploadAsync(FailureBundle bundle, DateTime deadlineUtc, CancellationToken ct)
        {
            Uploads++;
            return Task.FromResult(LinkOf(bundle.RunId));
        }
    }

    private sealed class SwitchableRecordStore : IFailureRecordStore
    {
        public const string DownMessage = "etcd write /nodemonitor/failures/node-1: Unavailable";

        public bool Down { get; set; }

        public Task<bool> PutIfDifferentAsync(string node, string json, DateTime deadlineUtc, CancellationToken ct) =>
            Down ? throw new CentralDeliveryException(DownMessage) : Task.FromResult(true);

        public Task<bool> DeleteAsync(string node, DateTime deadlineUtc, CancellationToken ct) =>
            Down ? throw new CentralDeliveryException(DownMessage) : Task.FromResult(true);
    }
}
