using System.Diagnostics;
using System.Text;
using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;

namespace NodeMonitor.Fleet;

/// <summary>
/// The design NodeMonitor claims to beat, against the same cluster: a classic agent (Sensu Go's model) whose backend
/// stores a keepalive every 20 s and one event per check per interval in etcd, healthy or not. A sample of the nodes
/// writes for real (latency, DB growth); the rest are counted with the same sizes.
/// </summary>
public sealed class SensuBaseline(EtcdClient[] clients, string prefix, int nodes, int sample, int checks, TimeSpan deadline)
{
    public const int KeepalivesPerMinute = 3;

    public long WritesPerNodeMinute => KeepalivesPerMinute + checks;

    public async Task MinuteAsync(DateTimeOffset minute, Stats stats, int parallelism, CancellationToken ct)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, sample), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (i, token) =>
            {
                var client = clients[i % clients.Length];
                string entity = $"sim-{i:000000}";
                for (int k = 0; k < KeepalivesPerMinute; k++)
                    await PutAsync(client, $"{prefix}keepalives/{entity}", Keepalive(entity, minute.AddSeconds(20 * k)), stats, token);
                for (int c = 0; c < checks; c++)
                    await PutAsync(client, $"{prefix}events/{entity}/check-{c:00}", Event(entity, c, minute), stats, token);
            });
        long perNodeBytes = KeepaliveBytes * KeepalivesPerMinute + EventBytes * checks;
        stats.Counted((long)(nodes - sample) * WritesPerNodeMinute, (long)(nodes - sample) * perNodeBytes);
    }

    private static readonly int KeepaliveBytes = Keepalive("sim-000000", DateTimeOffset.UnixEpoch).Length + 40;
    private static readonly int EventBytes = Event("sim-000000", 0, DateTimeOffset.UnixEpoch).Length + 50;

    private async Task PutAsync(EtcdClient client, string key, string value, Stats stats, CancellationToken ct)
    {
        var t = Stopwatch.GetTimestamp();
        try
        {
            await client.PutAsync(new PutRequest { Key = ByteString.CopyFromUtf8(key), Value = ByteString.CopyFromUtf8(value) },
                deadline: DateTime.UtcNow + deadline, cancellationToken: ct);
            stats.Call(1, key.Length + value.Length, Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
        catch (Exception e) when (e is Grpc.Core.RpcException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            stats.Failed();
        }
    }

    // Shaped like Sensu Go's stored keepalive and check events (entity, check, status, output, timestamps), trimmed.
    private static string Keepalive(string entity, DateTimeOffset at) =>
        $$$"""{"entity":{"entity_class":"agent","system":{"hostname":"{{{entity}}}","os":"linux","platform":"debian","platform_version":"12","arch":"amd64"},"subscriptions":["linux","entity:{{{entity}}}"],"last_seen":{{{at.ToUnixTimeSeconds()}}},"metadata":{"name":"{{{entity}}}","namespace":"default"}},"check":{"name":"keepalive","interval":20,"timeout":120,"status":0,"output":"Keepalive last sent from {{{entity}}} at {{{at:O}}}","executed":{{{at.ToUnixTimeSeconds()}}}},"timestamp":{{{at.ToUnixTimeSeconds()}}}}""";

    private static string Event(string entity, int check, DateTimeOffset at) =>
        $$$"""{"entity":{"entity_class":"agent","metadata":{"name":"{{{entity}}}","namespace":"default"}},"check":{"command":"/usr/lib/nagios/plugins/check_{{{check:00}}} -w 80 -c 90","interval":60,"subscriptions":["linux"],"metadata":{"name":"check-{{{check:00}}}","namespace":"default"},"status":0,"output":"OK - check {{{check:00}}} within thresholds | value=42;80;90","state":"passing","executed":{{{at.ToUnixTimeSeconds()}}},"issued":{{{at.ToUnixTimeSeconds()}}},"history":[{"status":0,"executed":{{{at.ToUnixTimeSeconds() - 60}}}},{"status":0,"executed":{{{at.ToUnixTimeSeconds()}}}}],"total_state_change":0,"last_ok":{{{at.ToUnixTimeSeconds()}}},"occurrences":1},"timestamp":{{{at.ToUnixTimeSeconds()}}}}""";
}
