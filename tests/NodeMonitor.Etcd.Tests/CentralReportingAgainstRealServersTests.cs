using dotnet_etcd;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;
using NodeMonitor.Swift;

namespace NodeMonitor.Etcd.Tests;

/// <summary>The whole reporting path of a node (local store, decision, spool, Swift bundle, etcd record) against real
/// servers, counting the requests they saw.</summary>
[NonParallelizable]
[Category("Integration")]
public sealed class CentralReportingAgainstRealServersTests
{
    private string _state = "";
    private string _node = "";
    private LocalStore _store = null!;
    private CentralOutbox _outbox = null!;
    private EtcdSettings _etcdSettings = null!;
    private SwiftSettings _swiftSettings = null!;
    private EtcdClient _etcd = null!;
    private SwiftClient _swift = null!;
    private CentralReporter _reporter = null!;

    [SetUp]
    public void SetUp()
    {
        _state = Path.Combine(Path.GetTempPath(), "nm-central-" + Guid.NewGuid().ToString("N")[..8]);
        _node = "node-" + Guid.NewGuid().ToString("N")[..6];
        _store = LocalStore.Open(_state, RetentionPolicy.Default);
        _outbox = CentralOutbox.Open(_state);
        _etcdSettings = new EtcdSettings([RealServices.EtcdUrl]) { Prefix = "/nm-test/" };
        _swiftSettings = new SwiftSettings(RealServices.SwiftAuthUrl, "test:tester", "testing")
        {
            Container = "nm-central-tests",
            TempUrlKey = "tempurl-secret",
        };
        _etcd = EtcdConnection.Create(_etcdSettings);
        _swift = new SwiftClient(_swiftSettings);
        _reporter = NewReporter(TimeSpan.FromSeconds(3));
    }

    [TearDown]
    public void TearDown()
    {
        RealServices.StartEtcd();
        _etcd.Dispose();
        _swift.Dispose();
        _outbox.Dispose();
        _store.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    [Test]
    public async Task AHealthyRunSendsNoRequestToEtcdOrSwift()
    {
        await RunAsync(failing: []);
        var etcdBefore = await RealServices.EtcdCountsAsync();
        int swiftBefore = RealServices.SwiftRequests();

        var outcome = await RunAsync(failing: []);

        var etcdAfter = await RealServices.EtcdCountsAsync();
        await Task.Delay(300); // the proxy writes its access line just after answering
        Assert.That(outcome.Enqueued, Is.Null);
        // Reading /metrics itself is not a KV request, so every counter stays put.
        Assert.That((etcdAfter - etcdBefore).Total, Is.Zero);
        Assert.That(RealServices.SwiftRequests(), Is.EqualTo(swiftBefore));
    }

    [Test]
    public async Task AFailingRunWritesTheRecordWithAWorkingTempUrlAndTheSameFailureAgainWritesNothing()
    {
        var first = await RunAsync(failing: ["Disk.HasSpace"]);
        var record = await RecordAsync();

        Assert.That(first.Enqueued, Is.EqualTo(ReportKind.Failure));
        Assert.That(record, Is.Not.Null);
        Assert.That(record!.FailingTests, Is.EqualTo(new[] { "checks: Disk.HasSpace" }));
        using var http = new HttpClient();
        string bundleJson = await http.GetStringAsync(record.TempUrl);
        Assert.That(bundleJson, Does.Contain("Disk.HasSpace"));

        var etcdBefore = await RealServices.EtcdCountsAsync();
        int swiftBefore = RealServices.SwiftRequests();
        var again = await RunAsync(failing: ["Disk.HasSpace"]);
        var etcdAfter = await RealServices.EtcdCountsAsync();
        await Task.Delay(300);

        Assert.That(again.Enqueued, Is.Null);
        Assert.That((etcdAfter - etcdBefore).Total, Is.Zero);
        Assert.That(RealServices.SwiftRequests(), Is.EqualTo(swiftBefore));
    }

    [Test]
    public async Task RecoveryDeletesTheRecordOnce()
    {
        await RunAsync(failing: ["Disk.HasSpace"]);

        var recovery = await RunAsync(failing: []);
        var afterRecovery = await RunAsync(failing: []);

        Assert.That(recovery.Enqueued, Is.EqualTo(ReportKind.Recovery));
        Assert.That(await RecordAsync(), Is.Null);
        Assert.That(afterRecovery.Enqueued, Is.Null);
    }

    [Test]
    public async Task AFailureMadeWhileEtcdIsDownIsSpooledAndDeliveredByTheNextRun()
    {
        RealServices.StopEtcd();
        var whileDown = await RunAsync(failing: ["Net.Gateway"]);
        Assert.That(whileDown.Pending, Is.EqualTo(1));
        Assert.That(whileDown.Error, Does.StartWith("etcd"));
        Assert.That(_outbox.Status().LastError, Is.Not.Null);

        RealServices.StartEtcd();
        NextProcess();
        var next = await RunAsync(failing: ["Net.Gateway"]);

        Assert.That(next.Enqueued, Is.Null, "the same failure is not reported twice");
        Assert.That(next.Pending, Is.Zero);
        Assert.That((await RecordAsync())?.FailingTests, Is.EqualTo(new[] { "checks: Net.Gateway" }));
        Assert.That(_outbox.Status().LastError, Is.Null);
    }

    [Test]
    public async Task ARecoveryWhileTheFailureIsStillSpooledLeavesNoKeyButUploadsTheBundle()
    {
        RealServices.StopEtcd();
        var failed = await RunAsync(failing: ["Net.Gateway"]);
        await RunAsync(failing: []);
        RealServices.StartEtcd();
        NextProcess();

        var delivered = await _reporter.DeliverAsync(CancellationToken.None);

        Assert.That(delivered.Error, Is.Null);
        Assert.That(delivered.Pending, Is.Zero);
        Assert.That(await RecordAsync(), Is.Null);
        var bundle = await _swift.SendAsync(RestSharp.Method.Head,
            $"{_swiftSettings.Container}/{_node}/failures/{failedRunId}/TestResult.xml", null, DateTime.UtcNow.AddSeconds(5), default);
        Assert.That((int)bundle.StatusCode, Is.EqualTo(200));
        Assert.That(failed.Enqueued, Is.EqualTo(ReportKind.Failure));
    }

    [Test]
    public async Task AFailingRunCostsOneEtcdTxnAndARecoveryOneEtcdDelete()
    {
        await RunAsync(failing: ["Disk.HasSpace"]); // creates the container once
        var etcd0 = await RealServices.EtcdCountsAsync();
        int swift0 = RealServices.SwiftRequests();

        await RunAsync(failing: ["Net.Gateway"]);
        var etcd1 = await RealServices.EtcdCountsAsync();
        await Task.Delay(300);
        int swift1 = RealServices.SwiftRequests();
        await RunAsync(failing: []);
        var etcd2 = await RealServices.EtcdCountsAsync();
        await Task.Delay(300);
        int swift2 = RealServices.SwiftRequests();

        TestContext.Out.WriteLine($"failing run: etcd {etcd1 - etcd0}, swift {swift1 - swift0} requests");
        TestContext.Out.WriteLine($"recovery: etcd {etcd2 - etcd1}, swift {swift2 - swift1} requests");
        // One Txn request; etcd 3.4's mvcc counters show it as the compare's range plus the put.
        Assert.That(etcd1 - etcd0, Is.EqualTo(new EtcdCounts(Puts: 1, Ranges: 1, Txns: 0, Deletes: 0)));
        Assert.That(swift1 - swift0, Is.EqualTo(3), "one PUT per bundle file; the token is cached");
        Assert.That(etcd2 - etcd1, Is.EqualTo(new EtcdCounts(Puts: 0, Ranges: 0, Txns: 0, Deletes: 1)));
        Assert.That(swift2, Is.EqualTo(swift1));
    }

    private string failedRunId = "";

    /// <summary>Each `nodemonitor run` is a new process with new clients (a long-lived gRPC channel may still be
    /// backing off from the outage).</summary>
    private void NextProcess()
    {
        _etcd.Dispose();
        _swift.Dispose();
        _etcd = EtcdConnection.Create(_etcdSettings);
        _swift = new SwiftClient(_swiftSettings);
        _reporter = NewReporter(TimeSpan.FromSeconds(3));
    }

    private CentralReporter NewReporter(TimeSpan callDeadline) =>
        new(_node, _outbox, new SwiftBundleStore(_swift, _swiftSettings), new EtcdFailureRecords(_etcd, _etcdSettings),
            new ReportSettings { Budget = TimeSpan.FromSeconds(8) }, callDeadline);

    private async Task<CentralReportOutcome> RunAsync(IReadOnlyList<string> failing)
    {
        var run = Runs.Make(_node, failing);
        if (failing.Count > 0) failedRunId = run.RunId;
        _store.Write(run);
        return await _reporter.ReportAsync(run, _store.CurrentStates(), _ => 0, CancellationToken.None);
    }

    private async Task<FailureRecord?> RecordAsync()
    {
        string json = await _etcd.GetValAsync(_etcdSettings.FailureKey(_node), deadline: DateTime.UtcNow.AddSeconds(5));
        return json.Length == 0 ? null : FailureRecord.FromJson(json);
    }
}

internal static class Runs
{
    private static DateTimeOffset _clock = DateTimeOffset.UtcNow.AddHours(-1);

    /// <summary>A run of plugin "checks" with three tests, the named ones failing; each run a second later.</summary>
    public static RunResult Make(string node, IReadOnlyList<string> failing)
    {
        _clock = _clock.AddSeconds(1);
        var tests = new[] { "Disk.HasSpace", "Net.Gateway", "Always.Passes" }
            .Select(name => failing.Contains(name) ? Test(name, TestOutcome.Failed, "expected more") : Test(name, TestOutcome.Passed, null))
            .ToList();
        var plugin = new PluginResult("checks", ["Checks.dll"], PluginStatus.Completed, null, null, null, _clock, TimeSpan.FromSeconds(1), tests);
        return new RunResult(RunResult.NewRunId(_clock), node, _clock, _clock.AddSeconds(1), [plugin]);
    }

    private static TestCaseResult Test(string name, TestOutcome outcome, string? message) =>
        new("checks", "Checks.dll", name, name[..name.LastIndexOf('.')], name[(name.LastIndexOf('.') + 1)..], outcome, null, null,
            _clock, TimeSpan.FromMilliseconds(5), message, null, null, 1, [], []);
}
