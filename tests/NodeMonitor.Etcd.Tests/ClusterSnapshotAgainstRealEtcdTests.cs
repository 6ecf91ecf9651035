using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using NodeMonitor.Central;
using NodeMonitor.Central.Cluster;
using NodeMonitor.Central.Election;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Etcd.Tests;

/// <summary>The cluster snapshot and the aggregator's fenced report against the real etcd: one revision while nodes
/// write, an incremental read equal to a full one that fetches only changed values (also from the saved file, whose
/// unchanged nodes stay bytes), paging past one page, a damaged or older snapshot file, and a former leader's verdict
/// refused.</summary>
[NonParallelizable]
[Category("Integration")]
public sealed class ClusterSnapshotAgainstRealEtcdTests() : ScratchPrefixFixture("snapshot")
{
    private string _state = null!;
    private string _views = null!;

    [SetUp]
    public void CreateDirectories()
    {
        _state = Directory.CreateTempSubdirectory("nm-snapshot-state-").FullName;
        _views = Directory.CreateTempSubdirectory("nm-snapshot-view-").FullName;
    }

    [TearDown]
    public void RemoveDirectories()
    {
        Directory.Delete(_state, recursive: true);
        Directory.Delete(_views, recursive: true);
    }

    [Test]
    public async Task AnIncrementalSnapshotEqualsAFullOneAndFetchesOnlyTheValuesThatChanged()
    {
        int count = EtcdRangePages.FirstPageKeys * 2 + 500;
        await PutNodesAsync(Enumerable.Range(0, count).Select(i => ($"n{i:D5}", "a")));
        var reader = new ClusterSnapshotReader(Client, Settings);
        var first = await reader.ReadAsync(null, Deadline(), default);
        var fullCost = reader.LastCost;

        await PutNodesAsync(Enumerable.Range(0, 10).Select(i => ($"n{i:D5}", "b")).Append(("new-node", "a")));
        await Client.DeleteAsync(Settings.NodeKey("n00100"), deadline: Deadline());
        var incremental = await reader.ReadAsync(first, Deadline(), default);
        var incrementalCost = reader.LastCost;
        var full = await new ClusterSnapshotReader(Client, Settings).ReadAsync(null, Deadline(), default);

        Assert.That(first.Nodes, Has.Count.EqualTo(count));
        Assert.That(fullCost.Values, Is.EqualTo(count), "paged: every value read once");
        Assert.That(Describe(incremental), Is.EqualTo(Describe(full)));
        Assert.That(incremental.Nodes.Single(n => n.Node == "n00003").Facts["x"], Is.EqualTo("b"));
        Assert.That(incremental.Nodes.Any(n => n.Node == "n00100"), Is.False, "an expired heartbeat is gone");
        Assert.That(incrementalCost.Values, Is.EqualTo(11), "only the 11 changed heartbeat values were fetched");
        TestContext.Out.WriteLine($"{count} nodes: full read {fullCost.Bytes} bytes in {fullCost.Calls} calls; incremental {incrementalCost.Bytes} bytes in {incrementalCost.Calls} calls");
    }

    [Test]
    public async Task AnIncrementalReadFromTheSavedFileSavesTheFileAFullReadWould()
    {
        int count = EtcdRangePages.FirstPageKeys * 2 + 500;
        var now = DateTimeOffset.UtcNow;
        await PutNodesAsync(Enumerable.Range(0, count).Select(i => ($"n{i:D5}", "a")));
        await PutNodesAsync([("soon-silent", "a")], now, now + TimeSpan.FromMinutes(1));
        var clock = new FixedClock(now);
        string path = Path.Combine(_state, ClusterAggregator.SnapshotFile);
        (await new ClusterSnapshotReader(Client, Settings, clock).ReadAsync(null, Deadline(), default)).Save(path);

        // Between two turns: changed, removed, added, and one gone silent.
        await PutNodesAsync(Enumerable.Range(0, 10).Select(i => ($"n{i:D5}", "b")).Append(("new-node", "a")));
        await Client.DeleteAsync(Settings.NodeKey("n00100"), deadline: Deadline());
        clock.Now = now + TimeSpan.FromMinutes(2);
        var reader = new ClusterSnapshotReader(Client, Settings, clock);
        var incremental = await reader.ReadAsync(ClusterSnapshot.Load(path), Deadline(), default);
        incremental.Save(path);
        var full = await new ClusterSnapshotReader(Client, Settings, clock).ReadAsync(null, Deadline(), default);

        Assert.That(reader.LastCost.Values, Is.EqualTo(11), "only the changed values were fetched");
        Assert.That(File.ReadAllText(path), Is.EqualTo(full.ToJson()));
        Assert.That(incremental.Nodes.Single(n => n.Node == "n00003").Facts["x"], Is.EqualTo("b"));
        Assert.That(incremental.Nodes.Select(n => n.Node), Does.Contain("new-node").And.Not.Contain("n00100").And.Not.Contain("soon-silent"));
        Assert.That(incremental.Expired, Is.EqualTo(new[] { "soon-silent" }));
        Assert.That(incremental.Nodes, Has.Count.EqualTo(count));
    }

    [Test]
    public async Task ATurnOnADamagedSnapshotFileReadsInFullSaysWhyAndLeavesAWholeFile()
    {
        await PutNodesAsync(Enumerable.Range(0, 50).Select(i => ($"n{i:D5}", "a")));
        var aggregator = new ClusterAggregator(Client, Settings, new ReportSettings(), "node-a", _state);
        string cache = Path.Combine(_state, ClusterAggregator.SnapshotFile);
        var first = await aggregator.TakeTurnAsync(_views, default);
        byte[] saved = File.ReadAllBytes(cache);
        File.WriteAllBytes(cache, saved[..(saved.Length / 2)]);

        var damaged = await aggregator.TakeTurnAsync(_views, default);
        var damagedCost = aggregator.LastReadCost!;
        var next = await aggregator.TakeTurnAsync(_views, default);

        Assert.That((first.Evaluates, damaged.Evaluates, next.Evaluates), Is.EqualTo((true, true, true)));
        Assert.That(first.Note, Is.Null);
        Assert.That(damaged.Note, Does.StartWith("read in full, the last snapshot could not be used: ").And.Contain(cache));
        Assert.That(damaged.Describe("node-a"), Does.Contain("read in full"));
        Assert.That(damagedCost.Values, Is.EqualTo(50));
        Assert.That(damaged.Snapshot!.Nodes, Has.Count.EqualTo(50));
        Assert.That(next.Note, Is.Null, "the damaged file was replaced by a whole one");
        Assert.That(aggregator.LastReadCost!.Values, Is.Zero, "nothing changed since");
    }

    [Test]
    public async Task ATurnReadsIncrementallyFromASnapshotFileTheSerializerWrote()
    {
        await PutNodesAsync(Enumerable.Range(0, 50).Select(i => ($"n{i:D5}", "a")));
        var earlier = await new ClusterSnapshotReader(Client, Settings).ReadAsync(null, Deadline(), default);
        var reflective = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        File.WriteAllText(Path.Combine(_state, ClusterAggregator.SnapshotFile), System.Text.Json.JsonSerializer.Serialize(earlier, reflective));
        await PutNodesAsync([("n00007", "b")]);
        var aggregator = new ClusterAggregator(Client, Settings, new ReportSettings(), "node-a", _state);

        var turn = await aggregator.TakeTurnAsync(_views, default);
        var view = ClusterSnapshot.Load(turn.ViewFile!);

        Assert.That(turn.Note, Is.Null);
        Assert.That(aggregator.LastReadCost!.Values, Is.EqualTo(1), "only n00007 was fetched");
        Assert.That(view!.Nodes.Select(n => n.Facts["x"]), Is.EqualTo(Enumerable.Range(0, 50).Select(i => i == 7 ? "b" : "a")));
    }

    [Test]
    public async Task HeartbeatsTooLargeForOneMessageAThousandAtATimeAreReadWholeFullyAndIncrementally()
    {
        // 1,200 values of about 5 KB: a thousand of them exceed gRPC's 4 MB message limit.
        string big = new('f', 5000);
        await PutNodesAsync(Enumerable.Range(0, 1200).Select(i => ($"n{i:D5}", big + "a")));
        var reader = new ClusterSnapshotReader(Client, Settings);
        var first = await reader.ReadAsync(null, Deadline(), default);
        var fullCost = reader.LastCost;

        await PutNodesAsync(Enumerable.Range(0, 1200).Select(i => ($"n{i:D5}", big + "b")));
        var incremental = await reader.ReadAsync(first, Deadline(), default);
        var full = await new ClusterSnapshotReader(Client, Settings).ReadAsync(null, Deadline(), default);

        Assert.That(first.Nodes, Has.Count.EqualTo(1200));
        Assert.That(fullCost.Values, Is.EqualTo(1200), "every value read once");
        Assert.That(fullCost.Calls, Is.GreaterThan(3), "in pages of about a megabyte");
        Assert.That(Describe(incremental), Is.EqualTo(Describe(full)));
        Assert.That(incremental.Nodes.All(n => n.Facts["x"].EndsWith('b')), Is.True);
    }

    [Test]
    public async Task AHeartbeatPastTheTimeItCountsUntilIsLeftOutOfFullAndIncrementalSnapshotsThoughItsKeyStays()
    {
        var now = DateTimeOffset.UtcNow;
        await PutNodesAsync([("live", "a")], now, now + TimeSpan.FromMinutes(30));
        await PutNodesAsync([("silent", "a")], now - TimeSpan.FromMinutes(31), now - TimeSpan.FromMinutes(1));
        // A node from before heartbeats said until when they count: written + three of its 600 s intervals.
        await PutNodesAsync([("older-live", "a")], now - TimeSpan.FromMinutes(29), null);
        await PutNodesAsync([("older-silent", "a")], now - TimeSpan.FromMinutes(31), null);
        var clock = new FixedClock(now);
        var reader = new ClusterSnapshotReader(Client, Settings, clock);

        var full = await reader.ReadAsync(null, Deadline(), default);
        clock.Now = now + TimeSpan.FromMinutes(2);
        var incremental = await reader.ReadAsync(full, Deadline(), default);
        var keys = await Client.GetAsync(new RangeRequest
        {
            Key = ByteString.CopyFromUtf8(Settings.NodesPrefix), RangeEnd = ByteString.CopyFromUtf8(EtcdClient.GetRangeEnd(Settings.NodesPrefix)),
            CountOnly = true,
        }, deadline: Deadline());

        Assert.That(full.Nodes.Select(n => n.Node), Is.EqualTo(new[] { "live", "older-live" }));
        Assert.That(full.Expired, Is.EqualTo(new[] { "older-silent", "silent" }));
        Assert.That(incremental.Nodes.Select(n => n.Node), Is.EqualTo(new[] { "live" }), "older-live's 30 minutes ran out meanwhile");
        Assert.That(incremental.Expired, Is.EqualTo(new[] { "older-live", "older-silent", "silent" }));
        Assert.That(incremental.UnreadableNodes, Is.Zero);
        Assert.That(keys.Count, Is.EqualTo(4), "the keys wait for their leases");
    }

    [Test]
    public async Task ASnapshotTakenWhileNodesWriteIsExactlyTheStateOfOneRevision()
    {
        await PutNodesAsync(Enumerable.Range(0, 1500).Select(i => ($"n{i:D5}", "a")));
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
                await PutNodesAsync([($"n{i % 1500:D5}", $"w{i}")]);
        });

        var snapshot = await new ClusterSnapshotReader(Client, Settings).ReadAsync(null, Deadline(), default);
        await stop.CancelAsync();
        await writer;
        var atRevision = await Client.GetAsync(new RangeRequest
        {
            Key = ByteString.CopyFromUtf8(Settings.NodesPrefix), RangeEnd = ByteString.CopyFromUtf8(EtcdClient.GetRangeEnd(Settings.NodesPrefix)),
            Revision = snapshot.Revision,
        }, deadline: Deadline());

        var expected = atRevision.Kvs.Select(kv => (HeartbeatValue.FromJson(kv.Value.ToStringUtf8())!.Node, kv.ModRevision)).OrderBy(n => n.Node, StringComparer.Ordinal);
        Assert.That(snapshot.Nodes.Select(n => (n.Node, n.ModRevision)), Is.EqualTo(expected));
    }

    [Test]
    public async Task AFormerLeadersClusterVerdictIsRefusedAndTheCurrentLeadersLands()
    {
        var ttl = TimeSpan.FromSeconds(2);
        string name = EtcdElection.KeyOf(Settings, ClusterAggregator.ElectionName);
        var a = new EtcdElection(Client, name, "node-a", ttl);
        var b = new EtcdElection(Client, name, "node-b", ttl);
        var staleTerm = (await a.CampaignOnceAsync("node-a", Deadline(), default)).Leader!;
        ElectionStanding taken;
        do
        {
            await Task.Delay(250);
            taken = await b.CampaignOnceAsync("node-b", Deadline(), default);
        } while (!taken.IsLeader);
        var report = new ReportSettings();
        var failing = new FailureState("@cluster", "run-1", DateTimeOffset.UtcNow, [new HardFailure("web", "Web.AtMostTenPercentFail", DateTimeOffset.UtcNow, 1, "boom")]);
        var bundle = () => new FailureBundle("@cluster", "run-1", new Dictionary<string, string>());

        var current = await new ClusterFailurePublisher(b, Settings, null, report, TimeSpan.FromSeconds(5))
            .PublishAsync(taken.Leader!, null, failing, bundle, default);
        var stale = await new ClusterFailurePublisher(a, Settings, null, report, TimeSpan.FromSeconds(5))
            .PublishAsync(staleTerm, FailureFrom(failing), null, bundle, default);

        Assert.That((current, stale), Is.EqualTo((ClusterReportOutcome.Written, ClusterReportOutcome.Fenced)));
        Assert.That(await Client.GetValAsync(Settings.FailureKey("@cluster"), deadline: Deadline()), Does.Contain("Web.AtMostTenPercentFail"),
            "the stale leader's 'recovered' did not delete the current leader's record");
    }

    private static ClusterFailure FailureFrom(FailureState state) =>
        new(state.Node, [], 1, [], state.FirstFailedAt, state.LastRunAt, null, state.Signature, state.RunId);

    private static string Describe(ClusterSnapshot snapshot) =>
        string.Join("\n", snapshot.Nodes.Select(n => $"{n.Node} {n.ModRevision} {string.Join(",", n.Facts.Select(f => f.Key + "=" + f.Value))}"));

    private Task PutNodesAsync(IEnumerable<(string Node, string Fact)> nodes) =>
        PutNodesAsync(nodes, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow + TimeSpan.FromMinutes(30));

    private async Task PutNodesAsync(IEnumerable<(string Node, string Fact)> nodes, DateTimeOffset writtenAt, DateTimeOffset? expiresAt)
    {
        foreach (var chunk in nodes.Chunk(100))
        {
            var txn = new TxnRequest();
            foreach (var (node, fact) in chunk)
            {
                var value = new HeartbeatValue(node, "test", "run", writtenAt, writtenAt, true, 3, 0, writtenAt, 600)
                {
                    ExpiresAt = expiresAt,
                    Labels = new Dictionary<string, string> { ["role"] = "web" },
                    Facts = new Dictionary<string, string> { ["x"] = fact },
                };
                txn.Success.Add(new RequestOp { RequestPut = new PutRequest
                {
                    Key = ByteString.CopyFromUtf8(Settings.NodeKey(node)), Value = ByteString.CopyFromUtf8(value.ToJson()),
                } });
            }
            await Client.TransactionAsync(txn, deadline: Deadline());
        }
    }

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(10);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
