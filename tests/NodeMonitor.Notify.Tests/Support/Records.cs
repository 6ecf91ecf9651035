using dotnet_etcd;
using NodeMonitor.Central;

namespace NodeMonitor.Notify.Tests.Support;

/// <summary>Writes failure records (and heartbeats) the way nodes do (the same JSON, under <c>&lt;prefix&gt;failures/&lt;node&gt;</c>).</summary>
public static class Records
{
    public static FailureRecord Of(string node, params string[] tests) => new(node, $"run-{Guid.NewGuid():N}"[..12],
        DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow, string.Join(",", tests), tests, tests.Length, [],
        $"http://swift.example/v1/AUTH_test/nodemonitor/{node}/failures/x/result.json", null, null);

    public static Task PutAsync(EtcdClient client, string prefix, FailureRecord record) =>
        client.PutAsync($"{prefix}failures/{record.Node}", record.ToJson());

    public static Task FailAsync(EtcdClient client, string prefix, string node, params string[] tests) => PutAsync(client, prefix, Of(node, tests));

    /// <summary>A heartbeat value with <paramref name="labels"/> at <c>&lt;prefix&gt;nodes/&lt;node&gt;</c>, as a node's run writes it.</summary>
    public static Task HeartbeatAsync(EtcdClient client, string prefix, string node, Dictionary<string, string> labels) =>
        client.PutAsync($"{prefix}nodes/{node}",
            new HeartbeatValue(node, "test", "run-1", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, false, 1, 1, DateTimeOffset.UtcNow, 60) { Labels = labels }.ToJson());

    public static Task RecoverAsync(EtcdClient client, string prefix, string node) => client.DeleteAsync($"{prefix}failures/{node}");

    /// <summary>Waits (real time) until <paramref name="condition"/> holds, failing the test after <paramref name="timeout"/>.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > until) Assert.Fail($"not within {timeout.TotalSeconds} s: {what}");
            await Task.Delay(50);
        }
    }
}
