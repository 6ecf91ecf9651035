using dotnet_etcd;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Tests.Support;
using NodeMonitor.Etcd;
using NodeMonitor.Notify.Tests.Support;
using NodeMonitor.Tests.Shared;

namespace NodeMonitor.Notify.Tests;

/// <summary>
/// Two notify instances (a sender and a standby, a 3 s lease) against a real three-member etcd cluster whose members are
/// killed under them: the sender keeps its term through etcd's leader election and through a loss of quorum longer than
/// its lease, nothing is sent while etcd cannot confirm the term, and every change is told once: none missed, none
/// repeated, the standby never elected.
/// </summary>
[NonParallelizable]
[Category("Integration")]
public sealed class NotifyThroughEtcdFailoverTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private LoopbackEtcdCluster _cluster = null!;
    private TemporaryDirectory _dir = null!;
    private RecordingReceiver _receiver = null!;
    private EtcdSettings _settings = null!;
    private EtcdClient _etcd = null!;

    [OneTimeSetUp]
    public void StartCluster() => _cluster = LoopbackEtcdCluster.StartFresh("notify-cluster-tests");

    [OneTimeTearDown]
    public void RemoveCluster() => _cluster.Remove();

    [SetUp]
    public void SetUp()
    {
        _dir = new TemporaryDirectory();
        _receiver = new RecordingReceiver();
        _settings = new EtcdSettings(_cluster.Endpoints) { Prefix = RealEtcd.NewPrefix(), Deadline = TimeSpan.FromSeconds(3) };
        _etcd = EtcdConnection.Create(_settings);
    }

    [TearDown]
    public void TearDown()
    {
        _cluster.StartAll(); // every member back for the next test
        _etcd.Dispose();
        _receiver.Dispose();
        _dir.Dispose();
    }

    [Test]
    public async Task TheSenderKeepsItsTermWhenTheLeaderMemberIsKilledAndTellsEveryChangeOnce()
    {
        var (sender, standby) = await StartBothAsync();
        await using (sender)
        await using (standby)
        {
            await FailAsync("web1", "disk: Root.HasSpace");
            await FailAsync("web2", "disk: Root.HasSpace");
            await ToldAsync(2, "the failures before the kill");

            int leader = _cluster.Leader();
            _cluster.Kill(leader);
            // Written at once, while the two others elect a leader: notify hears of them and must confirm its term
            // through that election before it sends them.
            await FailAsync("web3", "ntp: Clock.IsSynchronised");
            await FailAsync("web4", "ntp: Clock.IsSynchronised");
            await ToldAsync(4, "the failures written while the leader was gone");
            _cluster.Restart(leader);
            await RecoverAsync("web1");
            await ToldAsync(5, "the recovery after the restart");
            await Task.Delay(TimeSpan.FromSeconds(3)); // anything repeated would arrive now

            AssertToldOnce([("web1", "failing"), ("web2", "failing"), ("web3", "failing"), ("web4", "failing"), ("web1", "recovered")]);
            Assert.That(sender.Elections, Is.EqualTo(1), $"the sender kept its first term:\n{string.Join("\n", sender.Lines)}");
            Assert.That(standby.Elections, Is.Zero, $"the standby never took over:\n{string.Join("\n", standby.Lines)}");
        }
    }

    [Test]
    public async Task TheSenderKeepsItsTermThroughALossOfQuorumLongerThanItsLease()
    {
        var (sender, standby) = await StartBothAsync();
        await using (sender)
        await using (standby)
        {
            await FailAsync("db1", "disk: Root.HasSpace");
            await ToldAsync(1, "the failure before the outage");

            int leader = _cluster.Leader();
            int[] down = [leader, leader % 3 + 1];
            foreach (int member in down) _cluster.Kill(member);
            // Three leases long: every renewal and fence in between goes unanswered.
            await Task.Delay(TimeSpan.FromSeconds(9));
            int sentDuringOutage = _receiver.Attempts;
            foreach (int member in down) _cluster.Restart(member);

            await FailAsync("db2", "disk: Root.HasSpace");
            await RecoverAsync("db1");
            await ToldAsync(3, "the changes after quorum came back");
            await Task.Delay(TimeSpan.FromSeconds(3));

            AssertToldOnce([("db1", "failing"), ("db2", "failing"), ("db1", "recovered")]);
            Assert.That(sentDuringOutage, Is.EqualTo(1), "nothing is sent while etcd cannot confirm the term");
            Assert.That(sender.Elections, Is.EqualTo(1), $"the sender kept its first term:\n{string.Join("\n", sender.Lines)}");
            Assert.That(standby.Elections, Is.Zero, $"the standby never took over:\n{string.Join("\n", standby.Lines)}");
        }
    }

    private async Task<(NotifyInstance Sender, NotifyInstance Standby)> StartBothAsync()
    {
        var sender = Instance("notify-a").Start();
        await Records.EventuallyAsync(() => sender.Service.Leading, Wait, "notify-a elected");
        var standby = Instance("notify-b").Start();
        return (sender, standby);
    }

    private NotifyInstance Instance(string name) =>
        new(_settings.Prefix, _dir.Combine($"{name}.json"), [new Receiver(ReceiverKind.Webhook, _receiver.Url, null)], name, etcd: _settings);

    private Task ToldAsync(int changes, string what) => Records.EventuallyAsync(() => _receiver.Changes.Count >= changes, Wait, what);

    private void AssertToldOnce((string Node, string Kind)[] expected)
    {
        Assert.That(_receiver.Changes, Is.EquivalentTo(expected), "every change told, none twice");
        Assert.That(_receiver.Accepted, Has.Count.EqualTo(_receiver.Distinct.Count), "no message delivered twice");
    }

    // A write made while etcd elects a leader may be refused; a node's spool would try again, so does this.
    private Task FailAsync(string node, params string[] tests) =>
        UntilWrittenAsync(deadline => _etcd.PutAsync($"{_settings.FailuresPrefix}{node}", Records.Of(node, tests).ToJson(), deadline: deadline));

    private Task RecoverAsync(string node) => UntilWrittenAsync(deadline => _etcd.DeleteAsync($"{_settings.FailuresPrefix}{node}", deadline: deadline));

    private static async Task UntilWrittenAsync(Func<DateTime, Task> write)
    {
        var until = DateTime.UtcNow + Wait;
        while (true)
        {
            try
            {
                await write(DateTime.UtcNow.AddSeconds(5));
                return;
            }
            catch (Exception e) when (e is Grpc.Core.RpcException or OperationCanceledException && DateTime.UtcNow < until)
            {
                await Task.Delay(200);
            }
        }
    }
}
