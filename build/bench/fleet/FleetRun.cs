using System.Diagnostics;
using dotnet_etcd;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Storage;
using NodeMonitor.Etcd;

namespace NodeMonitor.Fleet;

/// <summary>One run of the simulator: NodeMonitor's scenario with faults, the drain and the check of what etcd holds,
/// then the baseline; prints and writes the per-minute table and the summary.</summary>
public sealed class FleetRun(FleetOptions options)
{
    private readonly List<MinuteRow> _rows = [];
    private readonly Report _report = new(options);

    /// <summary>Every n-th node runs every minute, quiet or not, to prove that quiet runs send nothing.</summary>
    private const int QuietCheckEvery = 100;
    private long _quietChecked;
    private long _quietViolations;
    private ServerLatency _server = null!;
    private readonly SlowRunTrace _slowRuns = new(Path.Combine(options.Output, $"slow-runs-{options.Nodes}.log"));

    public async Task<int> RunAsync()
    {
        var endpoints = options.Endpoints.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var etcd = new EtcdSettings(endpoints) { Prefix = options.Prefix, Deadline = TimeSpan.FromSeconds(options.DeadlineSeconds) };
        var report = new ReportSettings { Budget = TimeSpan.FromSeconds(options.DeadlineSeconds * 3 + 1) };
        var swift = options.SwiftAuthUrl is { } auth
            ? new SwiftSettings(auth, "test:tester", "testing") { Container = "nodemonitor-fleet", Deadline = TimeSpan.FromSeconds(5) }
            : null;
        var cluster = new ClusterControl(options.ClusterScript, endpoints);
        _server = new ServerLatency(endpoints);
        using var services = new FleetServices(etcd, options.Channels, swift, options.SwiftSampleEvery, report, options.Retries);
        await ClearAsync(services.Client("x"), options.Prefix);
        await ClearAsync(services.Client("x"), Report.BaselinePrefix);
        using var notify = StartNotify(endpoints);
        services.Log.Notify = notify;

        var t0 = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        _report.Line($"fleet: {options.Nodes} nodes, {options.Checks} checks each, {options.Minutes} simulated minutes, " +
                     $"{Environment.ProcessorCount} cores; {services.Channels} etcd clients x {endpoints.Length} members = " +
                     $"{services.Channels * endpoints.Length} HTTP/2 connections shared by all nodes, {options.Parallelism} node runs in flight");
        var nodes = await CreateNodesAsync(t0, report.HeartbeatInterval, services);
        await _server.DeltaAsync();
        _report.Line($"fleet: {nodes.Count} node stores ready in {total.Elapsed.TotalSeconds:0.0} s");
        if (notify is not null && !await notify.WaitElectedAsync(TimeSpan.FromSeconds(60)))
            _report.Line("fleet: nodemonitor notify was not elected within 60 s; its lag covers what it saw");
        var workload = new Workload(options, nodes);
        workload.Start();
        var faults = new FaultPlan(options, cluster);

        for (int m = 0; m < options.Minutes; m++)
        {
            string events = faults.Before(m) + " " + workload.Apply(m, faults.StormMinute);
            services.InFaultMinute = faults.IsFaultMinute(m);
            _rows.Add(await MinuteAsync(nodes, services, cluster, t0, m, events.Trim(), faults.IsFaultMinute(m)));
            services.SecondsPerSimMinute = Math.Max(2, _rows.Average(r => r.RealSeconds));
        }
        services.InFaultMinute = true;
        for (int d = 0; d < 5 && (nodes.Any(n => n.Pending > 0) || d == 0); d++)
            _rows.Add(await MinuteAsync(nodes, services, cluster, t0, options.Minutes + d, "drain", fault: true) with { Drain = true });
        faults.RestoreAll();

        var check = await VerifyAsync(nodes, services);
        if (notify is not null) await Task.Delay(TimeSpan.FromSeconds(options.NotifyWindowSeconds + 10)); // the last window's message
        double dbInUse = await cluster.MetricAsync("etcd_mvcc_db_total_size_in_use_in_bytes");
        double dbTotal = await cluster.MetricAsync("etcd_mvcc_db_total_size_in_bytes");
        var steadyRows = _rows.Where(r => r.Minute > 0 && !r.Fault && !r.Drain).ToList();
        if (steadyRows.Count == 0) steadyRows = _rows.Where(r => !r.Drain).ToList(); // a run too short for a minute without faults
        var window = await new RealTimeWindow(services, _server).RunAsync(steadyRows.Average(r => r.Stats.Writes), TimeSpan.FromMinutes(1));
        await ClearAsync(services.Client("x"), options.Prefix + "nodes/" + RealTimeWindow.Prefix);
        var baseline = await BaselineAsync(services, cluster, t0.AddMinutes(options.Minutes + 10));
        _report.Line(_slowRuns.Count == 0
            ? $"fleet: no node run took {SlowRunTrace.Threshold.TotalSeconds:0} s or more"
            : $"fleet: {_slowRuns.Count} node runs took {SlowRunTrace.Threshold.TotalSeconds:0} s or more; where their time went: {_slowRuns.Path}");
        _report.Summary(_rows, faults, check, dbInUse, dbTotal, baseline, total.Elapsed, (_quietChecked, _quietViolations), notify, window);
        return 0;
    }

    /// <summary>Starts the real <c>nodemonitor notify</c> on the fleet's prefix when a CLI was given.</summary>
    private NotifyWatch? StartNotify(string[] endpoints)
    {
        if (options.NotifyCli is not { } cli) return null;
        string dir = Path.Combine(options.StateDirectory + "-notify");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        string config = Path.Combine(dir, "notify.json");
        File.WriteAllText(config, System.Text.Json.JsonSerializer.Serialize(new
        {
            node = "fleet-notify",
            etcd = new { endpoints, prefix = options.Prefix },
            notify = new { groupWindowSeconds = options.NotifyWindowSeconds, maxNodesPerMessage = 1_000_000, port = FreePort() },
        }));
        var watch = new NotifyWatch(cli, config, dir, FreePort(), Path.Combine(options.Output, $"notify-{options.Nodes}.log"));
        _report.Line($"fleet: nodemonitor notify started (group window {options.NotifyWindowSeconds} s), log in {options.Output}/notify-{options.Nodes}.log");
        return watch;
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task<List<SimNode>> CreateNodesAsync(DateTimeOffset t0, TimeSpan heartbeat, FleetServices services)
    {
        if (Directory.Exists(options.StateDirectory)) Directory.Delete(options.StateDirectory, recursive: true);
        // Every node's store starts as a copy of one of 90 migrated store files (migrating 100,000 files one by one would
        // take longer than the simulation). Template j says: heartbeat written j % 10 minutes ago, so heartbeats spread over
        // the interval; its kept lease granted j / 10 heartbeats before that one (leases are granted by heartbeats), so
        // lease ages spread over the nine heartbeats a lease carries and the run sees the steady state's re-grants (one
        // node in nine per interval), not every node's first grant.
        // The nodes of one template start on one real lease granted here (90 grants, not 100,000); each node replaces it
        // with a lease of its own when it runs low, as it would. Its real TTL outlives the run whatever its pace.
        var templates = new string[90];
        var grant = services.Client("seed");
        for (int j = 0; j < templates.Length; j++)
        {
            var writtenAt = t0 - TimeSpan.FromMinutes(j % 10);
            var grantedAt = writtenAt - heartbeat * (j / 10);
            var leaseEnd = grantedAt + HeartbeatSchedule.SharedLeaseTtl(heartbeat);
            var lease = await grant.LeaseGrantAsync(new Etcdserverpb.LeaseGrantRequest { TTL = (long)(leaseEnd - t0).TotalSeconds * 2 },
                deadline: DateTime.UtcNow.AddSeconds(30));
            string dir = Path.Combine(options.StateDirectory, $"template-{j}");
            using (var ledger = HeartbeatLedger.Open(dir))
                ledger.RecordWritten(lease.ID, writtenAt, writtenAt + HeartbeatSchedule.LeaseTtl(heartbeat), SimNode.Publication(j % 10).Fingerprint,
                    leaseEnd);
            templates[j] = Path.Combine(dir, LocalStore.DatabaseFileName);
        }
        var nodes = new SimNode[options.Nodes];
        await Parallel.ForAsync(0, options.Nodes, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (i, _) =>
        {
            string name = $"sim-{i:000000}";
            string dir = Path.Combine(options.StateDirectory, name);
            Directory.CreateDirectory(dir);
            File.Copy(templates[i % templates.Length], Path.Combine(dir, LocalStore.DatabaseFileName));
            nodes[i] = new SimNode(name, options.Checks, dir, TimeSpan.FromSeconds(30.0 * i / options.Nodes), t0 - TimeSpan.FromMinutes(i % 10),
                SimNode.Publication(i % 10));
            return ValueTask.CompletedTask;
        });
        return [.. nodes];
    }

    private async Task<MinuteRow> MinuteAsync(List<SimNode> nodes, FleetServices services, ClusterControl cluster,
        DateTimeOffset t0, int m, string events, bool fault)
    {
        await CompactAsync(services);
        var stats = services.Minute = new Stats();
        var minute = t0.AddMinutes(m);
        var clock = Stopwatch.StartNew();
        long enqueued = 0, errors = 0, maxRunMs = 0, ran = 0;
        await Parallel.ForAsync(0, nodes.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism }, async (i, ct) =>
        {
            var node = nodes[i];
            bool quiet = node.IsQuiet(minute, services.Report, options.Retries);
            bool sampled = i % QuietCheckEvery == 0;
            if (quiet && !sampled) return;
            Interlocked.Increment(ref ran);
            var tally = new RunTally();
            var t = Stopwatch.GetTimestamp();
            var paused = GC.GetTotalPauseDuration();
            var outcome = await node.RunAsync(m, minute, services, tally, ct);
            _slowRuns.IfSlow(m, node.Name, Stopwatch.GetElapsedTime(t), tally, GC.GetTotalPauseDuration() - paused, outcome.Error);
            if (quiet)
            {
                Interlocked.Increment(ref _quietChecked);
                if (tally.Calls > 0) Interlocked.Increment(ref _quietViolations);
            }
            long ms = (long)Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            if (outcome.Enqueued is not null) Interlocked.Increment(ref enqueued);
            if (outcome.Error is not null) Interlocked.Increment(ref errors);
            long seen;
            while (ms > (seen = Interlocked.Read(ref maxRunMs)) && Interlocked.CompareExchange(ref maxRunMs, ms, seen) != seen) { }
        });
        var row = new MinuteRow(m, clock.Elapsed.TotalSeconds, stats, await _server.DeltaAsync(), ran, enqueued, errors, nodes.Count(n => n.Pending > 0),
            nodes.Sum(n => n.Pending), maxRunMs, await cluster.MetricAsync("etcd_mvcc_db_total_size_in_use_in_bytes"), events, fault);
        _report.Minute(row);
        return row;
    }

    /// <summary>etcd's periodic auto-compaction in simulated time: at each simulated minute, the history older than one
    /// simulated minute goes (what <c>--auto-compaction-retention 1m</c> does in a real fleet). The members' own periodic
    /// compactor counts real minutes, which hold many simulated ones here, so alone it would keep many times the history
    /// a real cluster keeps. Fails quietly while quorum is lost, like the compactor.</summary>
    private async Task CompactAsync(FleetServices services)
    {
        try
        {
            var client = services.Client("compact");
            long now = (await client.GetAsync(options.Prefix + "compaction-probe", deadline: DateTime.UtcNow.AddSeconds(5))).Header.Revision;
            if (_minuteStartRevision > 0)
                await client.CompactAsync(new Etcdserverpb.CompactionRequest { Revision = _minuteStartRevision }, deadline: DateTime.UtcNow.AddSeconds(30));
            _minuteStartRevision = now;
        }
        catch (Exception e) when (e is Grpc.Core.RpcException or OperationCanceledException)
        {
            // no quorum, or the revision is compacted already: the next minute tries again
        }
    }

    private long _minuteStartRevision;

    /// <summary>What etcd holds against what each node's last run says it should: a node whose record is missing, stale
    /// or left over, or whose spool still holds a report, has lost a report.</summary>
    private static async Task<VerifyResult> VerifyAsync(List<SimNode> nodes, FleetServices services)
    {
        var records = new EtcdFailureRecords(services.Client("x"), services.Etcd);
        var held = (await records.ListAsync(DateTime.UtcNow.AddSeconds(30), CancellationToken.None))
            .ToDictionary(r => r.Node, r => r.Signature, StringComparer.Ordinal);
        int wrong = 0, failing = 0;
        foreach (var node in nodes)
        {
            held.TryGetValue(node.Name, out var signature);
            if (node.ExpectedSignature is not null) failing++;
            if (signature != node.ExpectedSignature) wrong++;
        }
        return new VerifyResult(held.Count, failing, wrong, nodes.Sum(n => n.Pending), services.Log.Delivered, services.Log.OutOfOrder);
    }

    private async Task<BaselineResult> BaselineAsync(FleetServices services, ClusterControl cluster, DateTimeOffset start)
    {
        var clients = Enumerable.Range(0, options.Channels).Select(i => services.Client($"sim-{i}")).Distinct().ToArray();
        var agent = new SensuBaseline(clients, Report.BaselinePrefix, options.Nodes, options.BaselineSample, options.Checks,
            TimeSpan.FromSeconds(options.DeadlineSeconds));
        double before = await cluster.MetricAsync("etcd_mvcc_db_total_size_in_use_in_bytes");
        var minutes = new List<(Stats Stats, double Seconds)>();
        await _server.DeltaAsync();
        for (int m = 0; m < options.BaselineMinutes; m++)
        {
            var stats = new Stats();
            var clock = Stopwatch.StartNew();
            await agent.MinuteAsync(start.AddMinutes(m), stats, options.Parallelism, CancellationToken.None);
            minutes.Add((stats, clock.Elapsed.TotalSeconds));
            _report.Line($"baseline minute {m}: {stats.Writes} writes ({options.BaselineSample} agents real, the rest counted), " +
                         $"{stats.Bytes / 1e6:0.0} MB, client-side put p50 {Stats.Percentile(stats.Latencies, 50):0.0} ms p99 {Stats.Percentile(stats.Latencies, 99):0.0} ms, " +
                         $"{clock.Elapsed.TotalSeconds:0.0} s real");
        }
        double after = await cluster.MetricAsync("etcd_mvcc_db_total_size_in_use_in_bytes");
        return new BaselineResult(minutes, agent.WritesPerNodeMinute, before, after, await _server.DeltaAsync());
    }

    private static async Task ClearAsync(EtcdClient client, string prefix) =>
        await client.DeleteRangeAsync(prefix, deadline: DateTime.UtcNow.AddSeconds(60));
}
