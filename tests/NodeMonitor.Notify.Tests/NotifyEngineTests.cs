using Microsoft.Extensions.Time.Testing;
using NodeMonitor.Central;
using NodeMonitor.Core.Tests.Support;
using NodeMonitor.Notify.Tests.Support;

namespace NodeMonitor.Notify.Tests;

/// <summary>The engine on an injected clock, fed as the etcd feed and the silence poller feed it.</summary>
public sealed class NotifyEngineTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private TemporaryDirectory _dir = null!;
    private FakeTimeProvider _clock = null!;
    private NotifyOutbox _outbox = null!;
    private NotifyEngine _engine = null!;
    private CancellationTokenSource _stop = null!;
    private Task _running = null!;
    private readonly Receiver _receiver = new(ReceiverKind.Webhook, "http://127.0.0.1:1/hook", null);
    private long _revision = 100;
    private long _written;

    [SetUp]
    public void SetUp()
    {
        _dir = new TemporaryDirectory();
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        _outbox = new NotifyOutbox(_dir.Combine("state.json"), NotifyState.Empty, [_receiver]);
        _engine = new NotifyEngine(_outbox, Window, 3, _clock, _ => { });
        _stop = new CancellationTokenSource();
        _written = 0;
        _revision = 100;
        _running = Task.Run(() => _engine.RunAsync(_stop.Token));
        Write(new RecordSnapshot([], _revision));
        Write(new SilenceSnapshot([]));
        Write(new NodeLabelsRead(new Dictionary<string, IReadOnlyDictionary<string, string>>()));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        _stop.Dispose();
        _dir.Dispose();
    }

    [Test]
    public async Task ChangesWithinOneWindowAreOneMessageAndNothingIsSentBeforeItCloses()
    {
        await Fail("web1", "disk: A");
        await PassAsync(TimeSpan.FromSeconds(10));
        await Fail("web2", "disk: A");
        await PassAsync(TimeSpan.FromSeconds(10));
        Assert.That(Queued(), Is.Empty, "the window is still open");
        await PassAsync(TimeSpan.FromSeconds(15));
        Assert.That(Queued(), Has.Count.EqualTo(1));
        Assert.That(Queued()[0].Counts.Failing, Is.EqualTo(2));
    }

    [Test]
    public async Task AFailureThatRecoversWithinTheWindowIsSentAsBothInOneMessage()
    {
        await Fail("web1", "disk: A");
        await Recover("web1");
        await PassAsync(Window + TimeSpan.FromSeconds(5));
        var message = Queued().Single();
        Assert.That(message.Nodes.Select(n => (n.Node, n.Kind)), Is.EqualTo(new[] { ("web1", ChangeKind.Failing), ("web1", ChangeKind.Recovered) }));
        Assert.That(message.Nodes.Select(n => n.IdempotencyKey), Is.Unique);
    }

    [Test]
    public async Task ATestAddedAndRemovedWithinTheWindowIsSentAsTwoChanges()
    {
        await Fail("web1", "disk: A");
        await PassAsync(Window + TimeSpan.FromSeconds(5));
        await Fail("web1", "disk: A", "ntp: B");
        await Fail("web1", "disk: A");
        await Fail("web1", "disk: A");
        await PassAsync(Window + TimeSpan.FromSeconds(5));
        var changes = Queued()[1].Nodes;
        Assert.That(changes.Select(c => (c.Kind, string.Join(",", c.Added), string.Join(",", c.Removed))),
            Is.EqualTo(new[] { (ChangeKind.Changed, "ntp: B", ""), (ChangeKind.Changed, "", "ntp: B") }));
    }

    [Test]
    public async Task ARecordRewrittenWithTheSameTestsSendsNothingAndAnAddedTestSendsAChange()
    {
        await Fail("web1", "disk: A");
        await PassAsync(Window + TimeSpan.FromSeconds(5));
        await Fail("web1", "disk: A");
        await PassAsync(Window + TimeSpan.FromSeconds(5));
        Assert.That(Queued(), Has.Count.EqualTo(1));
        await Fail("web1", "disk: A", "ntp: B");
        await PassAsync(Window + TimeSpan.FromSeconds(5));
        Assert.That(Queued(), Has.Count.EqualTo(2));
        var change = Queued()[1].Nodes.Single();
        Assert.That((change.Kind, change.Added), Is.EqualTo((ChangeKind.Changed, (IReadOnlyList<string>)["ntp: B"])).Using(new ChangeComparer()));
    }

    [Test]
    public async Task AStormOfFiveThousandNodesIsOneMessageNamingTheFirstNodes()
    {
        await Applied(Write(new WatchedChanges(Enumerable.Range(0, 5000)
            .Select(i => new RecordChange($"node{i:D4}", Records.Of($"node{i:D4}", "disk: A").ToJson(), ++_revision)).ToList())));
        await PassAsync(Window + TimeSpan.FromSeconds(5));
        await Records.EventuallyAsync(() => _engine.MessagesCommitted == 1, TimeSpan.FromSeconds(20), "the storm's message committed");
        var message = Queued().Single();
        Assert.That(message.Counts.Failing, Is.EqualTo(5000));
        Assert.That(message.Nodes.Select(n => n.Node), Is.EqualTo(new[] { "node0000", "node0001", "node0002" }));
        Assert.That(message.MoreNodes, Is.EqualTo(4997));
        Assert.That(message.Text, Does.StartWith("NodeMonitor: 5000 nodes failing").And.EndWith("... and 4997 more nodes"));
    }

    [Test]
    public async Task ASilenceThatEndsWhileTheTestStillFailsSendsItWithinAWindowOfItsEnd()
    {
        var now = _clock.GetUtcNow();
        var silence = new SilenceRequest("web1", null, null, null, now.AddMinutes(10), "alice", "swap").Create(now, TimeSpan.FromDays(7));
        await Applied(Write(new SilenceSnapshot([silence])));
        await Fail("web1", "disk: A");
        await PassAsync(TimeSpan.FromMinutes(9));
        Assert.That(Queued(), Is.Empty, "silenced");
        await PassAsync(TimeSpan.FromMinutes(1) + Window + TimeSpan.FromSeconds(5));
        Assert.That(Queued().Single().Nodes.Single().Kind, Is.EqualTo(ChangeKind.Failing));
    }

    [Test]
    public async Task SilencingEverythingAFailingNodeHasToldIsSentAsSilencedNotRecovered()
    {
        await Fail("web1", "disk: A");
        await PassAsync(Window + TimeSpan.FromSeconds(5));
        var now = _clock.GetUtcNow();
        await Applied(Write(new SilenceSnapshot([new SilenceRequest("web*", null, null, null, now.AddHours(1), "alice", "swap").Create(now, TimeSpan.FromDays(7))])));
        await PassAsync(Window + TimeSpan.FromSeconds(5));
        Assert.That(Queued().Select(m => m.Nodes.Single().Kind), Is.EqualTo(new[] { ChangeKind.Failing, ChangeKind.Silenced }));
    }

    [Test]
    public async Task ASilenceByLabelCoversTheNodesWithThoseLabelsUntilTheirLabelsChange()
    {
        var now = _clock.GetUtcNow();
        var silence = new SilenceRequest(null, null, null, null, now.AddHours(1), "alice", "rack r1 power")
        {
            Labels = new Dictionary<string, string> { ["rack"] = "r1*" },
        }.Create(now, TimeSpan.FromDays(7));
        await Applied(Write(new SilenceSnapshot([silence])));
        await Applied(Write(new NodeLabelsRead(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["web1"] = new Dictionary<string, string> { ["rack"] = "r1a" },
            ["web2"] = new Dictionary<string, string> { ["rack"] = "r2" },
        })));
        await Fail("web1", "disk: A");
        await Fail("web2", "disk: A");
        await Fail("web3", "disk: A");
        await PassAsync(Window + TimeSpan.FromSeconds(5));
        Assert.That(Queued().Single().Nodes.Select(n => n.Node), Is.EqualTo(new[] { "web2", "web3" }), "web3's labels are unknown: told");

        await Applied(Write(new NodeLabelsRead(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["web1"] = new Dictionary<string, string> { ["rack"] = "r9" },
        })));
        await PassAsync(Window + TimeSpan.FromSeconds(5));
        Assert.That(Queued()[1].Nodes.Select(n => (n.Node, n.Kind)), Is.EqualTo(new[] { ("web1", ChangeKind.Failing) }), "moved out of the rack");
    }

    [Test]
    public async Task NothingIsPlannedBeforeTheSilencesHaveBeenReadOnce()
    {
        var outbox = new NotifyOutbox(_dir.Combine("other.json"), NotifyState.Empty, [_receiver]);
        var engine = new NotifyEngine(outbox, Window, 3, _clock, _ => { });
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => engine.RunAsync(stop.Token));
        engine.Inputs.TryWrite(new RecordSnapshot([("web1", Records.Of("web1", "disk: A").ToJson(), 5)], 5));
        engine.Inputs.TryWrite(new NodeLabelsRead(new Dictionary<string, IReadOnlyDictionary<string, string>>()));
        await Records.EventuallyAsync(() => engine.InputsApplied >= 2, TimeSpan.FromSeconds(20), "the records applied");
        await PassAsync(Window * 3);
        Assert.That(outbox.Pending(_receiver.Id), Is.Zero, "a silence may cover it");
        var now = _clock.GetUtcNow();
        engine.Inputs.TryWrite(new SilenceSnapshot([new SilenceRequest("web1", null, null, null, now.AddHours(1), "alice", "swap").Create(now, TimeSpan.FromDays(7))]));
        await Records.EventuallyAsync(() => engine.InputsApplied >= 3, TimeSpan.FromSeconds(20), "the silences applied");
        await PassAsync(Window * 2);
        Assert.That(outbox.Pending(_receiver.Id), Is.Zero, "silenced");
        await stop.CancelAsync();
        Assert.That(async () => await running, Throws.InstanceOf<OperationCanceledException>());
    }

    private Task Fail(string node, params string[] tests) =>
        Applied(Write(new WatchedChanges([new RecordChange(node, Records.Of(node, tests).ToJson(), ++_revision)])));

    private Task Recover(string node) => Applied(Write(new WatchedChanges([new RecordChange(node, null, ++_revision)])));

    private long Write(EngineInput input)
    {
        _engine.Inputs.TryWrite(input);
        return ++_written;
    }

    /// <summary>Waits (real time) until the engine has applied the first <paramref name="count"/> inputs.</summary>
    private Task Applied(long count) =>
        Records.EventuallyAsync(() => _engine.InputsApplied >= count, TimeSpan.FromSeconds(20), $"the engine applying {count} input(s)");

    private List<NotifyMessage> Queued() => NotifyState.Load(_dir.Combine("state.json")).Outbox.GetValueOrDefault(_receiver.Id)?.ToList() ?? [];

    private async Task PassAsync(TimeSpan time)
    {
        for (var passed = TimeSpan.Zero; passed < time; passed += TimeSpan.FromSeconds(5))
        {
            _clock.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(10);
        }
        await Task.Delay(50);
    }

    private sealed class ChangeComparer : IEqualityComparer<(ChangeKind, IReadOnlyList<string>)>
    {
        public bool Equals((ChangeKind, IReadOnlyList<string>) x, (ChangeKind, IReadOnlyList<string>) y) => x.Item1 == y.Item1 && x.Item2.SequenceEqual(y.Item2);

        public int GetHashCode((ChangeKind, IReadOnlyList<string>) obj) => obj.Item1.GetHashCode();
    }
}
