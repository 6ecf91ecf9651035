using dotnet_etcd;
using NodeMonitor.Central;
using NodeMonitor.Core.Tests.Support;
using NodeMonitor.Notify.Tests.Support;

namespace NodeMonitor.Notify.Tests;

/// <summary>notify against a real etcd and a real HTTP receiver, with a group window of one second.</summary>
[Category("Integration")]
public sealed class NotifyAgainstRealEtcdTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private TemporaryDirectory _dir = null!;
    private RecordingReceiver _receiver = null!;
    private string _prefix = null!;
    private EtcdClient _etcd = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TemporaryDirectory();
        _receiver = new RecordingReceiver();
        _prefix = RealEtcd.NewPrefix();
        _etcd = RealEtcd.Client(_prefix);
    }

    [TearDown]
    public void TearDown()
    {
        _etcd.DeleteRange(_prefix);
        _etcd.Dispose();
        _receiver.Dispose();
        _dir.Dispose();
    }

    [Test]
    public async Task AFailureIsOneMessageWithinTheGroupWindowAndItsRecoveryIsAnother()
    {
        await using var notify = Instance().Start();
        await Records.FailAsync(_etcd, _prefix, "web1", "disk: Root.HasSpace");
        await Records.EventuallyAsync(() => _receiver.Accepted.Count == 1, Wait, "the failure's message");
        var message = _receiver.Accepted[0].Body;
        Assert.That(message.GetProperty("schema").GetString(), Is.EqualTo("nodemonitor.notify/v1"));
        Assert.That(message.GetProperty("counts").GetProperty("failing").GetInt32(), Is.EqualTo(1));
        Assert.That(message.GetProperty("nodes")[0].GetProperty("failing")[0].GetString(), Is.EqualTo("disk: Root.HasSpace"));
        Assert.That(_receiver.Accepted[0].IdempotencyKey, Is.EqualTo(message.GetProperty("id").GetString()));

        await Records.RecoverAsync(_etcd, _prefix, "web1");
        await Records.EventuallyAsync(() => _receiver.Accepted.Count == 2, Wait, "the recovery's message");
        await QuietFor(notify, TimeSpan.FromSeconds(3));
        Assert.That(_receiver.Changes, Is.EqualTo(new[] { ("web1", "failing"), ("web1", "recovered") }));
    }

    [Test]
    public async Task TheSameFailureReportedAgainSendsNothing()
    {
        await using var notify = Instance().Start();
        await Records.FailAsync(_etcd, _prefix, "web1", "disk: Root.HasSpace");
        await Records.EventuallyAsync(() => _receiver.Accepted.Count == 1, Wait, "the failure's message");
        // A later run of the same failure: new run id and times, same failing tests.
        await Records.FailAsync(_etcd, _prefix, "web1", "disk: Root.HasSpace");
        await QuietFor(notify, TimeSpan.FromSeconds(3));
        Assert.That(_receiver.Accepted, Has.Count.EqualTo(1));

        await Records.FailAsync(_etcd, _prefix, "web1", "disk: Root.HasSpace", "ntp: Clock.IsSynchronised");
        await Records.EventuallyAsync(() => _receiver.Accepted.Count == 2, Wait, "the change's message");
        var change = _receiver.Accepted[1].Body.GetProperty("nodes")[0];
        Assert.That(change.GetProperty("kind").GetString(), Is.EqualTo("changed"));
        Assert.That(change.GetProperty("added")[0].GetString(), Is.EqualTo("ntp: Clock.IsSynchronised"));
    }

    [Test]
    public async Task ASilencedFailureIsNotSentUntilTheSilenceEnds()
    {
        var silences = new EtcdSilences(_etcd, RealEtcd.Settings(_prefix));
        var now = DateTimeOffset.UtcNow;
        await silences.AddAsync(new SilenceRequest("web*", null, null, null, now.AddSeconds(6), "alice", "disk swap").Create(now, TimeSpan.FromDays(7)),
            DateTime.UtcNow.AddSeconds(3), CancellationToken.None);
        await using var notify = Instance().Start();
        await Records.FailAsync(_etcd, _prefix, "web1", "disk: Root.HasSpace");
        await QuietFor(notify, TimeSpan.FromSeconds(3));
        Assert.That(_receiver.Accepted, Is.Empty, "a silenced failure is not sent");

        await Records.EventuallyAsync(() => _receiver.Accepted.Count == 1, Wait, "the failure once its silence ended");
        await QuietFor(notify, TimeSpan.FromSeconds(2));
        Assert.That(_receiver.Changes, Is.EqualTo(new[] { ("web1", "failing") }));
    }

    [Test]
    public async Task RemovingASilenceWhileTheTestStillFailsSendsItThen()
    {
        var silences = new EtcdSilences(_etcd, RealEtcd.Settings(_prefix));
        var now = DateTimeOffset.UtcNow;
        var silence = new SilenceRequest("web1", null, null, null, now.AddHours(2), "alice", "disk swap").Create(now, TimeSpan.FromDays(7));
        await silences.AddAsync(silence, DateTime.UtcNow.AddSeconds(3), CancellationToken.None);
        await using var notify = Instance().Start();
        await Records.FailAsync(_etcd, _prefix, "web1", "disk: Root.HasSpace");
        await QuietFor(notify, TimeSpan.FromSeconds(3));
        Assert.That(_receiver.Accepted, Is.Empty);

        Assert.That(await silences.RemoveAsync(silence.Id, DateTime.UtcNow.AddSeconds(3), CancellationToken.None), Is.True);
        await Records.EventuallyAsync(() => _receiver.Accepted.Count == 1, Wait, "the failure once its silence was removed");
    }

    [Test]
    public async Task APartlySilencedRecordSendsOnlyTheUnsilencedTests()
    {
        var silences = new EtcdSilences(_etcd, RealEtcd.Settings(_prefix));
        var now = DateTimeOffset.UtcNow;
        await silences.AddAsync(new SilenceRequest("*", "ntp", null, null, now.AddHours(1), "bob", "ntp upgrade").Create(now, TimeSpan.FromDays(7)),
            DateTime.UtcNow.AddSeconds(3), CancellationToken.None);
        await using var notify = Instance().Start();
        await Records.FailAsync(_etcd, _prefix, "db1", "disk: Root.HasSpace", "ntp: Clock.IsSynchronised");
        await Records.EventuallyAsync(() => _receiver.Accepted.Count == 1, Wait, "the unsilenced part");
        var node = _receiver.Accepted[0].Body.GetProperty("nodes")[0];
        Assert.That(node.GetProperty("failing").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "disk: Root.HasSpace" }));
        Assert.That(node.GetProperty("silenced").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task ASilenceByNodeLabelFollowsTheLabelsInTheHeartbeats()
    {
        await Heartbeat("web1", "r1");
        await Heartbeat("web2", "r2");
        await SilenceRackR1Async();
        await using var notify = Instance().Start();
        await Records.FailAsync(_etcd, _prefix, "web1", "disk: Root.HasSpace");
        await Records.FailAsync(_etcd, _prefix, "web2", "disk: Root.HasSpace");
        await Records.EventuallyAsync(() => _receiver.Changes.Count >= 1, Wait, "the unsilenced node");
        await QuietFor(notify, TimeSpan.FromSeconds(2));
        Assert.That(_receiver.Changes, Is.EqualTo(new[] { ("web2", "failing") }));

        await Heartbeat("web1", "r3");
        await Records.EventuallyAsync(() => _receiver.Changes.Count >= 2, Wait, "the node that left the silenced rack");
        Assert.That(_receiver.Changes[1], Is.EqualTo(("web1", "failing")));
    }

    private Task Heartbeat(string node, string rack) => Records.HeartbeatAsync(_etcd, _prefix, node, new() { ["rack"] = rack });

    private Task SilenceRackR1Async()
    {
        var now = DateTimeOffset.UtcNow;
        return new EtcdSilences(_etcd, RealEtcd.Settings(_prefix)).AddAsync(new SilenceRequest(null, null, null, null, now.AddHours(1), "alice",
            "rack r1 power")
        {
            Labels = new Dictionary<string, string> { ["rack"] = "r1" },
        }.Create(now, TimeSpan.FromDays(7)), DateTime.UtcNow.AddSeconds(3), CancellationToken.None);
    }

    [Test]
    public async Task LabelsAreReadFromMoreHeartbeatsThanOneEtcdAnswerCanCarry()
    {
        // 3,000 heartbeats of about 2 KB: 6 MB, over gRPC's 4 MB limit for one answer, so read in several pages.
        string pad = new('x', 2000);
        foreach (var chunk in Enumerable.Range(0, 3000).Chunk(100))
        {
            var txn = new Etcdserverpb.TxnRequest();
            foreach (int i in chunk)
                txn.Success.Add(new Etcdserverpb.RequestOp { RequestPut = new Etcdserverpb.PutRequest
                {
                    Key = Google.Protobuf.ByteString.CopyFromUtf8($"{_prefix}nodes/node{i:D4}"),
                    Value = Google.Protobuf.ByteString.CopyFromUtf8(new HeartbeatValue($"node{i:D4}", "test", "run-1", DateTimeOffset.UtcNow,
                        DateTimeOffset.UtcNow, false, 1, 1, DateTimeOffset.UtcNow, 60)
                    { Labels = new Dictionary<string, string> { ["rack"] = i == 2999 ? "r1" : "r2", ["pad"] = pad } }.ToJson()),
                } });
            await _etcd.TransactionAsync(txn, deadline: DateTime.UtcNow.AddSeconds(10));
        }
        await SilenceRackR1Async();
        await using var notify = Instance().Start();
        await Records.FailAsync(_etcd, _prefix, "node2999", "disk: Root.HasSpace");
        await Records.FailAsync(_etcd, _prefix, "node0000", "disk: Root.HasSpace");
        await Records.EventuallyAsync(() => _receiver.Changes.Count >= 1, Wait, "the unsilenced node");
        await QuietFor(notify, TimeSpan.FromSeconds(2));
        Assert.That(_receiver.Changes, Is.EqualTo(new[] { ("node0000", "failing") }), "the silence by label covers the node on the last page");
    }

    [Test]
    public async Task AStormOfFiveThousandNodesIsOneMessagePerReceiverWithCountsAndTheFirstNodes()
    {
        var second = new RecordingReceiver();
        try
        {
            await using var notify = Instance(groupWindow: TimeSpan.FromSeconds(3), maxNodes: 5,
                receivers: [new Receiver(ReceiverKind.Webhook, _receiver.Url, null), new Receiver(ReceiverKind.Slack, second.Url, null)]).Start();
            await Task.Delay(500);
            await Task.WhenAll(Enumerable.Range(0, 5000).Chunk(500).Select(async chunk =>
            {
                foreach (int i in chunk) await Records.FailAsync(_etcd, _prefix, $"node{i:D5}", "disk: Root.HasSpace");
            }));
            await Records.EventuallyAsync(() => _receiver.Accepted.Count >= 1 && second.Accepted.Count >= 1, TimeSpan.FromSeconds(60), "the storm's message");
            await QuietFor(notify, TimeSpan.FromSeconds(4));
            int failing = _receiver.Distinct.Sum(m => m.Body.GetProperty("counts").GetProperty("failing").GetInt32());
            Assert.That(failing, Is.EqualTo(5000), "every node counted once");
            Assert.That(_receiver.Distinct, Has.Count.LessThanOrEqualTo(2), "a storm is one message (two if it straddles a window)");
            Assert.That(_receiver.Accepted[0].Body.GetProperty("nodes").GetArrayLength(), Is.LessThanOrEqualTo(5));
            Assert.That(second.Accepted, Has.Count.EqualTo(_receiver.Distinct.Count));
            Assert.That(second.Accepted[0].Body.GetProperty("text").GetString(), Does.Contain("nodes failing").And.Contain("more nodes"));
            TestContext.Out.WriteLine($"5000-node storm: {_receiver.Distinct.Count} message(s); lag max {notify.Metrics.Lags.Max().TotalSeconds:0.00} s");
        }
        finally
        {
            second.Dispose();
        }
    }

    [Test]
    public async Task StoppedAndRestartedMidStormItNeitherRepeatsNorLosesAChange()
    {
        string state = _dir.Combine("notify-state.json");
        var notify = Instance(state: state).Start();
        // Once notify watches (the first failure told), 300 nodes fail and every third recovers a moment later: 400
        // more changes, each to be told exactly once.
        await Records.FailAsync(_etcd, _prefix, "first", "disk: Root.HasSpace");
        await Records.EventuallyAsync(() => _receiver.Accepted.Count == 1, Wait, "the first failure");
        var writer = Task.Run(async () =>
        {
            for (int i = 0; i < 300; i++)
            {
                await Records.FailAsync(_etcd, _prefix, $"node{i:D3}", "disk: Root.HasSpace");
                if (i % 3 == 0) await Records.RecoverAsync(_etcd, _prefix, $"node{i:D3}");
                if (i % 20 == 0) await Task.Delay(100);
            }
        });
        await Records.EventuallyAsync(() => _receiver.Accepted.Count >= 2, Wait, "a first message of the storm");
        await notify.DisposeAsync();
        int beforeRestart = _receiver.Changes.Count - 1;
        await writer;
        await using var again = Instance(state: state).Start();
        await Records.EventuallyAsync(() => _receiver.Changes.Count >= 401, Wait, "every change of the storm");
        await QuietFor(again, TimeSpan.FromSeconds(3));
        var changes = _receiver.Changes;
        TestContext.Out.WriteLine($"{beforeRestart} changes before the restart; {_receiver.Distinct.Count} messages: {string.Join(" ", changes.GroupBy(c => c.Kind).Select(g => $"{g.Key}={g.Count()}"))}");
        Assert.That(changes, Is.Unique, "no change told twice");
        Assert.That(changes.Count(c => c.Kind == "failing"), Is.EqualTo(301), "no failure lost");
        Assert.That(changes.Where(c => c.Kind == "recovered").Select(c => c.Node),
            Is.EquivalentTo(Enumerable.Range(0, 300).Where(i => i % 3 == 0).Select(i => $"node{i:D3}")), "no recovery lost");
        Assert.That(beforeRestart, Is.InRange(1, 399), "the restart fell inside the storm");
    }

    [Test]
    public async Task AFailureThatCameAndWentWhileItWasDownIsSentAfterTheRestart()
    {
        string state = _dir.Combine("notify-state.json");
        await using (var notify = Instance(state: state).Start())
        {
            await Records.FailAsync(_etcd, _prefix, "a", "disk: Root.HasSpace");
            await Records.EventuallyAsync(() => _receiver.Changes.Count == 1, Wait, "the first failure");
        }
        // While notify is down: b fails and recovers, c fails and recovers twice, a recovers.
        await Records.FailAsync(_etcd, _prefix, "b", "disk: Root.HasSpace");
        await Records.RecoverAsync(_etcd, _prefix, "b");
        for (int i = 0; i < 2; i++)
        {
            await Records.FailAsync(_etcd, _prefix, "c", "ntp: Clock.IsSynchronised");
            await Records.RecoverAsync(_etcd, _prefix, "c");
        }
        await Records.RecoverAsync(_etcd, _prefix, "a");

        await using var again = Instance(state: state).Start();
        await Records.EventuallyAsync(() => _receiver.Changes.Count >= 7, Wait, "every change made while it was down");
        await QuietFor(again, TimeSpan.FromSeconds(3));
        Assert.That(_receiver.Changes.Skip(1).Order(), Is.EqualTo(new[]
        {
            ("a", "recovered"), ("b", "failing"), ("b", "recovered"), ("c", "failing"), ("c", "failing"), ("c", "recovered"), ("c", "recovered"),
        }));
        Assert.That(_receiver.Distinct.SelectMany(m => m.Body.GetProperty("nodes").EnumerateArray()).Select(n => n.GetProperty("idempotencyKey").GetString()),
            Is.Unique, "each change has its own key");
    }

    [Test]
    public async Task AStandbyTakingOverResumesFromWhatTheSenderDeliveredNeitherMissingNorRepeatingIt()
    {
        await using (var first = Instance(name: "notify-a").Start())
        {
            await Records.FailAsync(_etcd, _prefix, "web1", "disk: Root.HasSpace");
            await Records.FailAsync(_etcd, _prefix, "web2", "disk: Root.HasSpace");
            await Records.EventuallyAsync(() => _receiver.Changes.Count == 2, Wait, "the first sender's message");
            await QuietFor(first, TimeSpan.FromSeconds(1));
        }
        // Nobody sends: web1 recovers, web3 fails and recovers, web4 fails.
        await Records.RecoverAsync(_etcd, _prefix, "web1");
        await Records.FailAsync(_etcd, _prefix, "web3", "disk: Root.HasSpace");
        await Records.RecoverAsync(_etcd, _prefix, "web3");
        await Records.FailAsync(_etcd, _prefix, "web4", "disk: Root.HasSpace");

        // The other instance has never sent: its own state is empty.
        await using var second = Instance(name: "notify-b").Start();
        await Records.EventuallyAsync(() => _receiver.Changes.Count >= 6, Wait, "the changes made while nobody sent");
        await QuietFor(second, TimeSpan.FromSeconds(3));
        Assert.That(_receiver.Changes.Skip(2).Order(), Is.EqualTo(new[] { ("web1", "recovered"), ("web3", "failing"), ("web3", "recovered"), ("web4", "failing") }));
        Assert.That(second.Lines, Has.Some.Contains("resuming from"));
    }

    [Test]
    public async Task AfterACompactionWhileItWasDownItSendsExactlyTheDifference()
    {
        string state = _dir.Combine("notify-state.json");
        await using (var notify = Instance(state: state).Start())
        {
            await Records.FailAsync(_etcd, _prefix, "a", "disk: Root.HasSpace");
            await Records.FailAsync(_etcd, _prefix, "b", "disk: Root.HasSpace");
            await Records.FailAsync(_etcd, _prefix, "c", "disk: Root.HasSpace");
            await Records.EventuallyAsync(() => _receiver.Changes.Count == 3, Wait, "the three failures");
        }
        // While notify is down: a recovers, b changes, d fails, e fails and recovers; then the history is compacted.
        await Records.RecoverAsync(_etcd, _prefix, "a");
        await Records.FailAsync(_etcd, _prefix, "b", "disk: Root.HasSpace", "ntp: Clock.IsSynchronised");
        await Records.FailAsync(_etcd, _prefix, "d", "disk: Root.HasSpace");
        await Records.FailAsync(_etcd, _prefix, "e", "disk: Root.HasSpace");
        await Records.RecoverAsync(_etcd, _prefix, "e");
        var latest = await _etcd.PutAsync($"{_prefix}unrelated", "x");
        await _etcd.CompactAsync(new Etcdserverpb.CompactionRequest { Revision = latest.Header.Revision, Physical = true });

        await using var again = Instance(state: state).Start();
        await Records.EventuallyAsync(() => _receiver.Changes.Count >= 6, Wait, "the difference");
        await QuietFor(again, TimeSpan.FromSeconds(3));
        Assert.That(_receiver.Changes.Skip(3), Is.EquivalentTo(new[] { ("a", "recovered"), ("b", "changed"), ("d", "failing") }));
    }

    [Test]
    public async Task OfTwoInstancesExactlyOneSendsAndTheOtherTakesOverWhenItStops()
    {
        var first = Instance(name: "notify-a", state: _dir.Combine("a.json")).Start();
        await using var second = Instance(name: "notify-b", state: _dir.Combine("b.json")).Start();
        await Records.EventuallyAsync(() => first.Service.Leading || second.Service.Leading, Wait, "an elected sender");
        Assert.That(first.Service.Leading && second.Service.Leading, Is.False, "never two senders");
        var leader = first.Service.Leading ? first : second;
        await Records.FailAsync(_etcd, _prefix, "web1", "disk: Root.HasSpace");
        await Records.EventuallyAsync(() => _receiver.Accepted.Count == 1, Wait, "the failure's message");
        await QuietFor(first, TimeSpan.FromSeconds(3));
        Assert.That(_receiver.Accepted, Has.Count.EqualTo(1), "one message, not one per instance");

        await first.DisposeAsync();
        await Records.EventuallyAsync(() => second.Service.Leading, Wait, "the standby taking over");
        await Records.FailAsync(_etcd, _prefix, "web2", "disk: Root.HasSpace");
        await Records.EventuallyAsync(() => _receiver.Changes.Any(c => c.Node == "web2"), Wait, "the standby sending");
        TestContext.Out.WriteLine($"first leader: {(leader == first ? "notify-a" : "notify-b")}; changes {string.Join(", ", _receiver.Changes)}");
    }

    private NotifyInstance Instance(string name = "notify-a", string? state = null, TimeSpan? groupWindow = null, int maxNodes = 1000,
        IReadOnlyList<Receiver>? receivers = null) =>
        new(_prefix, state ?? _dir.Combine($"{name}.json"), receivers ?? [new Receiver(ReceiverKind.Webhook, _receiver.Url, null)], name,
            groupWindow, maxNodes: maxNodes);

    /// <summary>Lets more than a group window pass with the instance running, so anything it would send, it has sent.</summary>
    private static Task QuietFor(NotifyInstance notify, TimeSpan time) => Task.Delay(time + notify.Options.GroupWindow);
}
