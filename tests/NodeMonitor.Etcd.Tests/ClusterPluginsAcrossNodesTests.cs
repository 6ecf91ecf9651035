using System.Diagnostics;
using dotnet_etcd;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Etcd.Tests;

/// <summary>
/// Several `nodemonitor run` processes (the published CLI) as different nodes, each with its own state directory and
/// plugin root, against the real etcd: only the aggregator leader evaluates a cluster plugin, another node takes over
/// once the leader stops running, the cluster's verdict lands under failures/@cluster only on change, and a changed
/// fact costs exactly one heartbeat write. The run interval is 1 s, so the election's lease is 3 s.
/// </summary>
[NonParallelizable]
[Category("Integration")]
public sealed class ClusterPluginsAcrossNodesTests
{
    private string _dir = "";
    private string _prefix = "";
    private EtcdSettings _settings = null!;
    private EtcdClient _etcd = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("nm-cluster-").FullName;
        _prefix = $"/nm-cluster-{Guid.NewGuid():N}/";
        _settings = new EtcdSettings([RealServices.EtcdUrl]) { Prefix = _prefix };
        _etcd = EtcdConnection.Create(_settings);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _etcd.DeleteRangeAsync(_prefix, deadline: DateTime.UtcNow.AddSeconds(5));
        _etcd.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public void OnlyTheLeaderEvaluatesTheClusterPluginAndTheOthersSayWhoDoes()
    {
        var nodes = new[] { "node-a", "node-b", "node-c" }.Select(n => Node(n)).ToList();

        var runs = nodes.Select(n => n.Run()).ToList();

        runs[0].AssertExit(0, "the leader's run");
        Assert.That(runs[0].Stdout, Does.Contain("cluster plugins: evaluated here (node-a holds the aggregator election"));
        Assert.That(runs[0].Stdout, Does.Contain("clustercount"));
        foreach (var follower in runs.Skip(1))
        {
            follower.AssertExit(0, "a follower's run");
            Assert.That(follower.Stdout, Does.Contain("cluster plugins: evaluated by node-a"));
            Assert.That(follower.Stdout, Does.Not.Contain("clustercount"), "a follower does not run the cluster plugin");
        }
    }

    [Test]
    public void WhenTheLeaderStopsRunningAnotherNodeTakesOverOnceItsLeaseExpires()
    {
        var a = Node("node-a");
        var b = Node("node-b");
        a.Run().AssertExit(0, "the first leader's run");
        var lastLeaderRun = Stopwatch.StartNew();

        var followerRuns = new List<CliResult>();
        CliResult taken;
        while (true)
        {
            taken = b.Run();
            if (taken.Stdout.Contains("cluster plugins: evaluated here", StringComparison.Ordinal)) break;
            followerRuns.Add(taken);
            if (lastLeaderRun.Elapsed > TimeSpan.FromSeconds(60)) Assert.Fail($"node-b never took over\n{taken}");
        }
        TestContext.Out.WriteLine($"node-b took over {lastLeaderRun.Elapsed.TotalSeconds:0.0} s after node-a's last run (lease 3 s), " +
                                  $"after {followerRuns.Count} run(s) as follower");
        var formerLeader = a.Run();

        Assert.That(followerRuns, Is.Not.Empty, "while node-a's lease lasts, node-b follows");
        Assert.That(followerRuns.Select(r => r.Stdout), Has.All.Contains("cluster plugins: evaluated by node-a"));
        Assert.That(formerLeader.Stdout, Does.Contain("cluster plugins: evaluated by node-b"), "the former leader follows now");
    }

    [Test]
    public async Task TheClustersFailureIsWrittenUnderItsReservedNameOnlyOnChangeAndDeletedOnRecovery()
    {
        var a = Node("node-a", minNodes: 100);

        a.Run().AssertExit(1, "too few live nodes: the cluster check fails");
        var first = await ClusterRecordAsync();
        a.Run().AssertExit(1, "still failing");
        var second = await ClusterRecordAsync();
        var listed = PublishedCli.Run("failures", "--config", a.Config);
        a.SetClusterMinimum(0);
        a.Run().AssertExit(0, "the cluster recovered");
        var recovered = await ClusterRecordAsync();

        Assert.That(first, Is.Not.Null, "failures/@cluster written");
        var record = FailureRecord.FromJson(first!.Value.ToStringUtf8())!;
        Assert.That(record.Node, Is.EqualTo("@cluster"));
        Assert.That(record.FailingTests, Has.Some.Contains("clustercount: Fixtures.ClusterCount.ClusterCountChecks.EnoughNodesAreLive"));
        Assert.That(record.ObjectUrl, Does.Contain("/@cluster/failures/").Or.Contain("/%40cluster/failures/"), "bundle in Swift under the reserved name");
        Assert.That(second!.ModRevision, Is.EqualTo(first.ModRevision), "an unchanged failure writes nothing");
        Assert.That(listed.Stdout, Does.Contain("@cluster"), listed.ToString());
        Assert.That(recovered, Is.Null, "deleted on recovery");
    }

    [Test]
    public async Task AChangedFactCostsExactlyOneHeartbeatWriteAndAnUnchangedOneNone()
    {
        var a = Node("node-a", withFacts: true);
        a.Run().AssertExit(0, "first run: heartbeat due");
        var afterFirst = await HeartbeatAsync("node-a");
        a.Run().AssertExit(0, "second run: nothing changed");
        var afterSecond = await HeartbeatAsync("node-a");
        a.SetFact("two");
        a.Run().AssertExit(0, "third run: the fact changed");
        var afterThird = await HeartbeatAsync("node-a");
        a.Run().AssertExit(0, "fourth run: nothing changed");
        var afterFourth = await HeartbeatAsync("node-a");

        var value = HeartbeatValue.FromJson(afterThird.Value.ToStringUtf8())!;
        Assert.That(HeartbeatValue.FromJson(afterFirst.Value.ToStringUtf8())!.Facts!["fixture.value"], Is.EqualTo("one"));
        Assert.That(afterSecond.Version, Is.EqualTo(afterFirst.Version), "unchanged facts: no write");
        Assert.That(afterThird.Version, Is.EqualTo(afterSecond.Version + 1), "changed fact: exactly one write");
        Assert.That(value.Facts!["fixture.value"], Is.EqualTo("two"));
        Assert.That(value.Labels, Is.EqualTo(new Dictionary<string, string> { ["role"] = "web" }));
        Assert.That(afterFourth.Version, Is.EqualTo(afterThird.Version), "unchanged again: no write");
    }

    private async Task<Mvccpb.KeyValue?> ClusterRecordAsync() =>
        (await _etcd.GetAsync(_settings.FailureKey("@cluster"), deadline: DateTime.UtcNow.AddSeconds(5))).Kvs.SingleOrDefault();

    private async Task<Mvccpb.KeyValue> HeartbeatAsync(string node) =>
        (await _etcd.GetAsync(_settings.NodeKey(node), deadline: DateTime.UtcNow.AddSeconds(5))).Kvs.Single();

    private TestNode Node(string name, int minNodes = 0, bool withFacts = false)
    {
        string home = Path.Combine(_dir, name);
        string root = Path.Combine(home, "plugins");
        Directory.CreateDirectory(root);
        PublishedCli.CopyFixture("clustercount", root);
        if (withFacts) PublishedCli.CopyFixture("factpublisher", root);
        string config = PublishedCli.WriteConfig(Path.Combine(home, "nodemonitor.json"),
            new ConfigShape(name, root, Path.Combine(home, "state"), _prefix, "nm-cluster-tests")
            {
                RunIntervalSeconds = 1,
                Labels = new Dictionary<string, string> { ["role"] = "web" },
            });
        var node = new TestNode(config, root);
        node.SetClusterMinimum(minNodes);
        return node;
    }

    private sealed record TestNode(string Config, string PluginRoot)
    {
        public CliResult Run() => PublishedCli.Run("run", "--config", Config);

        public void SetClusterMinimum(int nodes) => File.WriteAllText(Path.Combine(PluginRoot, "clustercount", "plugin.json"),
            $$"""{ "scope": "cluster", "environment": { "FIXTURE_MIN_NODES": "{{nodes}}" } }""");

        public void SetFact(string value) => File.WriteAllText(Path.Combine(PluginRoot, "factpublisher", "plugin.json"),
            $$"""{ "environment": { "FIXTURE_FACT": "{{value}}" } }""");
    }
}
