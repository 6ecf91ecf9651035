using Etcdserverpb;
using Google.Protobuf;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Fleet;

/// <summary>
/// The real-time window alone (<c>--realtime-only WRITES</c>): a fresh cluster is first given one heartbeat value per
/// node (so etcd holds the fleet's keys, as after the scenario) and 30 s to settle, then receives WRITES heartbeat puts
/// paced over one real minute with nothing else of the simulator running: etcd's write latency at a fleet's real rate,
/// without the hour of simulation before it.
/// </summary>
public sealed class RealTimeOnly(FleetOptions options, double writesPerMinute)
{
    public async Task<int> RunAsync()
    {
        var endpoints = options.Endpoints.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var etcd = new EtcdSettings(endpoints) { Prefix = options.Prefix, Deadline = TimeSpan.FromSeconds(options.DeadlineSeconds) };
        using var services = new FleetServices(etcd, options.Channels, null, options.SwiftSampleEvery, new ReportSettings(), options.Retries);
        var cluster = new ClusterControl(options.ClusterScript, endpoints);
        var client = services.Client("preload");
        var now = DateTimeOffset.UtcNow;
        var run = new NodeMonitor.Core.Results.RunResult(NodeMonitor.Core.Results.RunResult.NewRunId(now), "sim-000000", now, now.AddSeconds(1), []);
        var value = ByteString.CopyFromUtf8(HeartbeatValue.From(run, now, TimeSpan.FromMinutes(10), SimNode.Publication(0)).ToJson());
        foreach (var chunk in Enumerable.Range(0, options.Nodes).Chunk(100))
        {
            var txn = new TxnRequest();
            foreach (int i in chunk)
                txn.Success.Add(new RequestOp { RequestPut = new PutRequest { Key = ByteString.CopyFromUtf8($"{etcd.Prefix}nodes/sim-{i:000000}"), Value = value } });
            await client.TransactionAsync(txn, deadline: DateTime.UtcNow.AddSeconds(30));
        }
        // The members apply and persist the preload in the background; the window measures the fleet's rate, not that.
        await Task.Delay(TimeSpan.FromSeconds(30));
        double db = await cluster.MetricAsync("etcd_mvcc_db_total_size_in_use_in_bytes");
        var server = new ServerLatency(endpoints);
        var window = await new RealTimeWindow(services, server).RunAsync(writesPerMinute, TimeSpan.FromMinutes(1));
        Console.WriteLine($"fleet: realtime-only nodes={options.Nodes} keys preloaded, db_mb={db / 1e6:0.0}; {window.Writes} heartbeat puts paced over " +
                          $"{window.Elapsed.TotalSeconds:0} s ({window.Writes / window.Elapsed.TotalSeconds:0}/s): etcd p50 {ServerLatency.QuantileMs(window.Server, 0.5):0.0} ms " +
                          $"realtime_p99_ms={ServerLatency.QuantileMs(window.Server, 0.99):0.0} failed={window.Failed}");
        return 0;
    }
}
