using System.Text;
using System.Text.Json;
using NUnit.Framework;
using NodeMonitor.Central.Cluster;

namespace NodeMonitor.Central.Tests.Cluster;

/// <summary>The snapshot's reader of heartbeat bytes agrees with <see cref="HeartbeatValue.FromJson"/> on every value:
/// the values nodes write, older ones, and the odd ones an untrusted or newer node may leave in its key.</summary>
public sealed class HeartbeatNodeReaderTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static string Written(Func<HeartbeatValue, HeartbeatValue> shape) =>
        shape(new HeartbeatValue("web-1", "0.1.0+abc", "20260301T120000.000Z-0001", At.AddSeconds(-3), At, true, 42, 0, At, 600)).ToJson();

    public static IEnumerable<TestCaseData> Values()
    {
        yield return new TestCaseData(Written(v => v with
        {
            Labels = new Dictionary<string, string> { ["role"] = "db", ["rack"] = "r1" },
            Facts = new Dictionary<string, string> { ["kernel"] = "6.1.0", ["clock.offset_ms"] = "3" },
            ExpiresAt = At.AddMinutes(30),
        })).SetName("as a node writes it");
        yield return new TestCaseData(Written(v => v with { FactsDropped = 2, Labels = new Dictionary<string, string>() })).SetName("no expiry, empty labels, facts dropped");
        yield return new TestCaseData(Written(v => v with { Passed = false, Labels = new Dictionary<string, string> { ["ünï"] = "\"quoted\" + \\ \u0001" } })).SetName("escaped texts");
        yield return new TestCaseData("""{"node":"web-1","Version":"1.0","writtenAt":"2026-03-01T12:00:00+00:00","intervalSeconds":600}""").SetName("another casing of a name");
        yield return new TestCaseData("""{"node":"web-1","tests":"42","writtenAt":"2026-03-01T12:00:00+00:00"}""").SetName("a number in quotes");
        yield return new TestCaseData("""{"node":"web-1","writtenAt":"2026-03-01T12:00:00+00:00","writtenAt":"2026-03-01T13:00:00+00:00"}""").SetName("a repeated name");
        yield return new TestCaseData("""{"node":"web-1","labels":{"a":"1","a":"2"}}""").SetName("a repeated label");
        yield return new TestCaseData("""{"node":"web-1","labels":{"a":null}}""").SetName("a null label value");
        yield return new TestCaseData("""{"node":"web-1","labels":null,"facts":null,"expiresAt":null,"version":null}""").SetName("nulls where allowed");
        yield return new TestCaseData("""{"node":"web-1","passed":null}""").SetName("a null where a value belongs");
        yield return new TestCaseData("""{"node":"web-1","future":{"x":[1,2]},"intervalSeconds":60,"writtenAt":"2026-03-01T12:00:00Z"}""").SetName("a field of a newer version");
        yield return new TestCaseData("""{"node":"web-1","intervalSeconds":1e300,"writtenAt":"2026-03-01T12:00:00Z"}""").SetName("an interval too long to add");
        yield return new TestCaseData("""{"node":"web-1","writtenAt":"yesterday"}""").SetName("a time that is not one");
        yield return new TestCaseData("""{"node":"web-1"} trailing""").SetName("text after the value");
        yield return new TestCaseData("""{"node":"web-1",""").SetName("cut short");
        yield return new TestCaseData("null").SetName("JSON null");
        yield return new TestCaseData("[1,2]").SetName("an array");
        yield return new TestCaseData("").SetName("empty");
    }

    [TestCaseSource(nameof(Values))]
    public void ReadsEveryValueAsTheGeneralReaderDoes(string json)
    {
        var read = new HeartbeatNodeReader().Read("web-1", Encoding.UTF8.GetBytes(json), 17);

        Assert.That(Describe(read), Is.EqualTo(Describe(General(json))));
    }

    [Test]
    public void NodesShareTheirLabelAndFactTexts()
    {
        var reader = new HeartbeatNodeReader();
        byte[] json = Encoding.UTF8.GetBytes(Written(v => v with { Labels = new Dictionary<string, string> { ["role"] = "db" } }));

        var a = reader.Read("a", json, 1)!;
        var b = reader.Read("b", json, 2)!;

        Assert.That(ReferenceEquals(a.Labels.Single().Value, b.Labels.Single().Value) && ReferenceEquals(a.Version, b.Version), Is.True);
    }

    /// <summary>What the snapshot made of a heartbeat before it read bytes: the value through the serializer.</summary>
    private static ClusterNode? General(string json)
    {
        var value = HeartbeatValue.FromJson(json);
        return value is null ? null : new ClusterNode("web-1", value.Labels ?? new Dictionary<string, string>(), value.Facts ?? new Dictionary<string, string>(),
            value.WrittenAt, value.Version, value.Passed, 17) { CountsUntil = value.CountsUntil ?? DateTimeOffset.MaxValue };
    }

    private static string Describe(ClusterNode? node) => node is null ? "unreadable" : JsonSerializer.Serialize(new
    {
        node.Node, Labels = node.Labels.ToList(), Facts = node.Facts.ToList(), node.LastSeen, node.Version, node.LastRunPassed, node.ModRevision, node.CountsUntil,
    });
}
