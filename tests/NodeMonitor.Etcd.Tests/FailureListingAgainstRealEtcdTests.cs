using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Etcd.Tests;

/// <summary>What <c>nodemonitor failures</c> and notify's API read, against the real etcd at sizes past one gRPC message:
/// every failure record, and the labels of the failing nodes only, never the whole fleet's heartbeats.</summary>
[NonParallelizable]
[Category("Integration")]
public sealed class FailureListingAgainstRealEtcdTests() : ScratchPrefixFixture("failures")
{
    private static readonly string Big = new('f', 5000);


    [Test]
    public async Task FailureRecordsBeyondOneMessageAreAllListedInNodeOrderAndADamagedOneIsSkipped()
    {
        // About 4.5 KB a record, 1,100 records: more than gRPC's 4 MB in one answer.
        var tests = Enumerable.Range(0, FailureRecord.MaxTests).Select(t => $"disk: Disk.Test{t}.{Big[..200]}").ToList();
        await PutAsync(Enumerable.Range(0, 1100).Select(i => (Settings.FailureKey($"n{1099 - i:D5}"),
            new FailureRecord($"n{1099 - i:D5}", "run-1", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "sig", tests, 25, [], null, null, null).ToJson()))
            .Append((Settings.FailureKey("damaged"), "{not json")));

        var records = await new EtcdFailureRecords(Client, Settings).ListAsync(Deadline(), default);

        Assert.That(records.Select(r => r.Node), Is.EqualTo(Enumerable.Range(0, 1100).Select(i => $"n{i:D5}")));
        Assert.That(records[0].FailingTests, Is.EqualTo(tests));
    }

    [Test]
    public async Task ALabelSilenceReadsTheHeartbeatsOfTheFailingNodesItMayCoverOnly()
    {
        // 1,000 heartbeats of about 5 KB: the whole fleet's would not fit one answer.
        await PutAsync(Enumerable.Range(0, 1000).Select(i => Heartbeat($"n{i:D4}", $"r{i % 3}")).Append(Heartbeat("db-1", "r1")));
        var silences = new[] { Silence("n*", new() { ["rack"] = "r1" }), Silence("*", null) };
        var failing = new[] { "n0001", "n0002", "n0004", "db-1", "no-heartbeat", "bad/name" };

        var labels = await new EtcdNodeLabels(Client, Settings).ReadIfNeededAsync(silences, failing, DateTimeOffset.UtcNow, Deadline(), default);

        Assert.That(labels.Keys, Is.EquivalentTo(new[] { "n0001", "n0002", "n0004" }),
            "db-1 is outside the label silence's node glob, no-heartbeat has no key, bad/name is no node's key");
        Assert.That(labels["n0001"]["rack"], Is.EqualTo("r1"));
        Assert.That(labels["n0002"]["rack"], Is.EqualTo("r2"));
    }

    [Test]
    public async Task MoreFailingNodesThanOneTransactionMayReadAreReadInSeveral()
    {
        await PutAsync(Enumerable.Range(0, 300).Select(i => Heartbeat($"n{i:D4}", $"r{i % 3}")));

        var labels = await new EtcdNodeLabels(Client, Settings).ReadAsync(Enumerable.Range(0, 300).Select(i => $"n{i:D4}"), Deadline(), default);

        Assert.That(labels, Has.Count.EqualTo(300));
        Assert.That(labels["n0299"]["rack"], Is.EqualTo("r2"));
    }

    [Test]
    public async Task WithoutAnActiveLabelSilenceNoHeartbeatIsRead()
    {
        // Nothing listens there: a read would fail.
        using var unreachable = EtcdConnection.Create(new EtcdSettings(["http://127.0.0.1:1"]) { Prefix = Settings.Prefix });
        var ended = Silence("*", new() { ["rack"] = "r1" }) with { StartsAt = DateTimeOffset.UtcNow.AddHours(-2), EndsAt = DateTimeOffset.UtcNow.AddHours(-1) };

        var labels = await new EtcdNodeLabels(unreachable, Settings).ReadIfNeededAsync([ended, Silence("*", null)], ["n1"], DateTimeOffset.UtcNow, Deadline(), default);

        Assert.That(labels, Is.Empty);
    }

    private static Silence Silence(string node, Dictionary<string, string>? labels) =>
        new(Guid.NewGuid().ToString("N")[..16], node, null, null, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1), "alice", "test",
            DateTimeOffset.UtcNow) { Labels = labels };

    private (string Key, string Value) Heartbeat(string node, string rack)
    {
        var now = DateTimeOffset.UtcNow;
        return (Settings.NodeKey(node), new HeartbeatValue(node, "test", "run", now, now, true, 3, 0, now, 600)
        {
            Labels = new Dictionary<string, string> { ["rack"] = rack },
            Facts = new Dictionary<string, string> { ["x"] = Big },
        }.ToJson());
    }

    private async Task PutAsync(IEnumerable<(string Key, string Value)> puts)
    {
        foreach (var chunk in puts.Chunk(100))
        {
            var txn = new TxnRequest();
            foreach (var (key, value) in chunk)
                txn.Success.Add(new RequestOp { RequestPut = new PutRequest { Key = ByteString.CopyFromUtf8(key), Value = ByteString.CopyFromUtf8(value) } });
            await Client.TransactionAsync(txn, deadline: Deadline());
        }
    }

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(30);
}
