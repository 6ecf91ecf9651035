using dotnet_etcd;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Storage;
using NodeMonitor.Etcd.Tests;
using NodeMonitor.Tests.Shared;

namespace NodeMonitor.Etcd.ClusterTests;

/// <summary>
/// A node configured with all three members of a real etcd cluster: when the member serving it dies, the report that
/// follows still lands (the client fails over to a live member within the call), and when the cluster loses quorum the
/// report waits in the spool and is delivered, newest state in place, once quorum is back.
/// </summary>
[NonParallelizable]
[Category("Integration")]
public sealed class EtcdClusterFailoverTests
{
    private string _state = "";
    private string _node = "";
    private LocalStore _store = null!;
    private CentralOutbox _outbox = null!;
    private EtcdSettings _settings = null!;
    private EtcdClient _etcd = null!;
    private CentralReporter _reporter = null!;
    private LoopbackEtcdCluster _cluster = null!;

    [OneTimeSetUp]
    public void StartCluster() => _cluster = LoopbackEtcdCluster.StartFresh("cluster-tests");

    [OneTimeTearDown]
    public void StopCluster() => _cluster.Remove();

    [SetUp]
    public void SetUp()
    {
        _state = Directory.CreateTempSubdirectory("nm-cluster-").FullName;
        _node = "node-" + Guid.NewGuid().ToString("N")[..6];
        _store = LocalStore.Open(_state, RetentionPolicy.Default);
        _outbox = CentralOutbox.Open(_state);
        // 10 s: a proposal made while the members settle after losing their leader can wait out etcd's own election time.
        _settings = new EtcdSettings(_cluster.Endpoints) { Prefix = "/nm-cluster-test/", Deadline = TimeSpan.FromSeconds(10) };
        _etcd = EtcdConnection.Create(_settings);
        _reporter = new CentralReporter(_node, _outbox, null, new EtcdFailureRecords(_etcd, _settings),
            new ReportSettings { Budget = TimeSpan.FromSeconds(25) }, _settings.Deadline);
    }

    [TearDown]
    public void TearDown()
    {
        _cluster.StartAll(); // every member back for the next test
        _etcd.Dispose();
        _outbox.Dispose();
        _store.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    [TestCase("leader")]
    [TestCase("first endpoint")]
    public async Task TheReportAfterTheServingMemberDiesLandsAtOnce(string which)
    {
        var first = await RunAsync("Disk.HasSpace");
        Assert.That(first.Error, Is.Null, "the cluster is healthy");
        int member = which == "leader" ? _cluster.Leader() : 1;

        _cluster.Kill(member);
        _cluster.WaitForLeader(TimeSpan.FromSeconds(20)); // a new election when the leader died; the client's part follows
        var after = await RunAsync("Disk.HasSpace", "Net.Gateway");

        Assert.That(after.Error, Is.Null, $"member {member} killed: the client must reach one of the two others");
        Assert.That(after.Pending, Is.Zero);
        var record = await RecordAsync();
        Assert.That(record?.FailingTests, Is.EquivalentTo(new[] { "checks: Disk.HasSpace", "checks: Net.Gateway" }));
    }

    [Test]
    public async Task EveryMemberInTurnDiesAndEveryReportLands()
    {
        var landed = new List<string>();
        string[][] failing = [["Disk.HasSpace"], ["Net.Gateway"], ["Disk.HasSpace", "Net.Gateway"]];
        for (int member = 1; member <= 3; member++)
        {
            _cluster.Kill(member);
            var outcome = await RunAsync(failing[member - 1]);
            _cluster.Restart(member);
            Assert.That(outcome.Error, Is.Null, $"member {member} down");
            var record = await RecordAsync();
            landed.Add(string.Join(",", record!.FailingTests));
        }
        Assert.That(landed, Is.EqualTo(new[] { "checks: Disk.HasSpace", "checks: Net.Gateway", "checks: Disk.HasSpace,checks: Net.Gateway" }));
    }

    [Test]
    public async Task WithoutQuorumReportsWaitInTheSpoolAndTheNewestLandsWhenQuorumReturns()
    {
        await RunAsync("Disk.HasSpace");
        int leader = _cluster.Leader();
        int[] down = [leader, leader % 3 + 1];
        foreach (int m in down) _cluster.Kill(m);

        var whileLost = await RunAsync("Net.Gateway");
        var recovery = await RunAsync();
        foreach (int m in down) _cluster.Restart(m);
        var delivered = await _reporter.DeliverAsync(CancellationToken.None);

        Assert.That(whileLost.Error, Is.Not.Null, "one member alone has no quorum: the write must not claim success");
        Assert.That(recovery.Error, Is.Not.Null);
        // The failure made without quorum is superseded by the recovery behind it (its record would be deleted at once).
        Assert.That(recovery.Pending, Is.EqualTo(1), "the recovery waits in the spool");
        Assert.That(delivered, Is.EqualTo((1, 0, (string?)null)));
        Assert.That(await RecordAsync(), Is.Null, "the newest report (the recovery) is what the cluster holds");
    }

    private async Task<CentralReportOutcome> RunAsync(params string[] failing)
    {
        var run = Runs.Make(_node, failing);
        _store.Write(run);
        return await _reporter.ReportAsync(run, _store.CurrentStates(), _ => 0, CancellationToken.None);
    }

    private async Task<FailureRecord?> RecordAsync()
    {
        string json = await _etcd.GetValAsync(_settings.FailureKey(_node), deadline: DateTime.UtcNow.AddSeconds(5));
        return json.Length == 0 ? null : FailureRecord.FromJson(json);
    }
}
