using System.Diagnostics;
using NodeMonitor.Central;

namespace NodeMonitor.Fleet;

/// <summary>
/// etcd's write latency at the fleet's real-time rate. The simulation compresses time (a simulated minute takes a few
/// real seconds), so its writes arrive many times faster than a real fleet of that size would send them, on a machine
/// that also runs the simulator. This window sends heartbeat puts (NodeMonitor's own <see cref="EtcdHeartbeat"/> on a
/// kept lease, the value of a simulated node) paced at the scenario's measured writes per simulated minute, spread over
/// one real minute, while no node runs.
/// </summary>
public sealed class RealTimeWindow(FleetServices services, ServerLatency server)
{
    public const string Prefix = "realtime-window-";

    public async Task<RealTimeResult> RunAsync(double writesPerMinute, TimeSpan length)
    {
        var heartbeat = new EtcdHeartbeat(services.Client("window"), services.Etcd);
        var now = DateTimeOffset.UtcNow;
        var run = new NodeMonitor.Core.Results.RunResult(NodeMonitor.Core.Results.RunResult.NewRunId(now), "sim-window", now, now.AddSeconds(1), []);
        string json = HeartbeatValue.From(run, now, TimeSpan.FromMinutes(10), SimNode.Publication(0)).ToJson();
        var first = await heartbeat.WriteAsync(Prefix + "0", json, new HeartbeatLease(null, length * 4), DateTime.UtcNow.AddSeconds(10), default);
        var lease = new HeartbeatLease(first.LeaseId, length * 4);
        await server.DeltaAsync();
        long total = (long)(writesPerMinute * length.TotalMinutes);
        double gapMs = length.TotalMilliseconds / Math.Max(1, total);
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>();
        long failed = 0;
        for (long i = 0; i < total; i++)
        {
            double dueMs = i * gapMs;
            double waitMs = dueMs - clock.Elapsed.TotalMilliseconds;
            if (waitMs > 1) await Task.Delay(TimeSpan.FromMilliseconds(waitMs));
            string node = Prefix + (i % 10_000);
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    await heartbeat.WriteAsync(node, json, lease, DateTime.UtcNow.AddSeconds(5), default);
                }
                catch (NodeMonitor.Core.Reporting.Central.CentralDeliveryException)
                {
                    Interlocked.Increment(ref failed);
                }
            }));
            if (inFlight.Count > 4096) { await Task.WhenAll(inFlight); inFlight.Clear(); }
        }
        await Task.WhenAll(inFlight);
        var elapsed = clock.Elapsed;
        return new RealTimeResult(total, elapsed, failed, await server.DeltaAsync());
    }
}

/// <summary>What the real-time window sent and etcd's latency histogram for it.</summary>
public sealed record RealTimeResult(long Writes, TimeSpan Elapsed, long Failed, double[] Server);
