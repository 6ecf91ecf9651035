using System.Text;

namespace NodeMonitor.Fleet;

/// <summary>Prints the per-minute lines and the summary, and writes them (and minutes.csv for the plots) to the output folder.</summary>
public sealed class Report
{
    public const string BaselinePrefix = "/sensu-baseline/";
    private readonly FleetOptions _options;
    private readonly StreamWriter _text;
    private readonly StreamWriter _csv;

    public Report(FleetOptions options)
    {
        _options = options;
        Directory.CreateDirectory(options.Output);
        string tag = $"{options.Nodes}";
        _text = new StreamWriter(Path.Combine(options.Output, $"fleet-{tag}.txt")) { AutoFlush = true };
        _csv = new StreamWriter(Path.Combine(options.Output, $"minutes-{tag}.csv")) { AutoFlush = true };
        _csv.WriteLine("minute,real_s,runs,writes,bytes,p50_ms,p99_ms,etcd_p50_ms,etcd_p99_ms,failed_calls,enqueued,errors,pending_nodes,pending_reports,max_run_ms,db_in_use_mb,swift_objects,fault,events");
    }

    public void Line(string text)
    {
        Console.WriteLine(text);
        _text.WriteLine(text);
    }

    public void Minute(MinuteRow r)
    {
        var s = r.Stats;
        Line($"minute {r.Minute,3}{(r.Drain ? " drain" : "")}: {r.Ran,6} runs {s.Writes,7} writes ({s.LeaseGrants,5} lease grants) {s.Bytes / 1024.0,8:0.0} KiB " +
             $"client p50 {Stats.Percentile(s.Latencies, 50),6:0.0} p99 {Stats.Percentile(s.Latencies, 99),7:0.0} ms " +
             $"etcd p50 {ServerLatency.QuantileMs(r.Server, 0.5),5:0.0} p99 {ServerLatency.QuantileMs(r.Server, 0.99),6:0.0} ms  " +
             $"failed {s.FailedCalls,5} spooled {r.PendingReports,5} on {r.PendingNodes,5} nodes  swift {s.SwiftObjects,4} obj " +
             $"({s.SwiftReal} real)  slowest run {r.MaxRunMs,5} ms  db {r.DbInUseBytes / 1e6,6:0.0} MB  {r.RealSeconds,5:0.0} s real  {r.Events}");
        _csv.WriteLine(string.Join(",", r.Minute, r.RealSeconds.ToString("0.00"), r.Ran, s.Writes, s.Bytes,
            Stats.Percentile(s.Latencies, 50).ToString("0.00"), Stats.Percentile(s.Latencies, 99).ToString("0.00"),
            ServerLatency.QuantileMs(r.Server, 0.5).ToString("0.00"), ServerLatency.QuantileMs(r.Server, 0.99).ToString("0.00"), s.FailedCalls,
            r.Enqueued, r.Errors, r.PendingNodes, r.PendingReports, r.MaxRunMs, (r.DbInUseBytes / 1e6).ToString("0.00"),
            s.SwiftObjects, r.Fault ? 1 : 0, r.Drain ? "drain" : $"\"{r.Events}\""));
    }

    public void Summary(List<MinuteRow> rows, FaultPlan faults, VerifyResult verify, double dbInUse, double dbTotal,
        BaselineResult baseline, TimeSpan elapsed, (long Checked, long Violations) quiet,
        NotifyWatch? notify, RealTimeResult window)
    {
        var measured = rows.Where(r => r.Minute > 0 && !r.Drain).ToList();
        var steady = measured.Where(r => !r.Fault).ToList();
        double writesPerMin = measured.Average(r => r.Stats.Writes);
        double bytesPerMin = measured.Average(r => r.Stats.Bytes);
        var all = measured.SelectMany(r => r.Stats.Latencies).ToList();
        var steadyLat = steady.SelectMany(r => r.Stats.Latencies).ToList();
        double baseWrites = baseline.Minutes.Average(m => m.Stats.Writes);
        double baseBytes = baseline.Minutes.Average(m => m.Stats.Bytes);
        var baseLat = baseline.Minutes.SelectMany(m => m.Stats.Latencies).ToList();
        double baseDbProjected = (baseline.DbAfter - baseline.DbBefore) * _options.Nodes / Math.Max(1, _options.BaselineSample);
        var quorum = faults.QuorumLossMinute is { } q ? rows.Where(r => r.Minute >= q && r.Minute <= q + FaultPlan.QuorumLossMinutes).ToList() : [];
        var leader = faults.LeaderKillMinute is { } l ? rows.Where(r => r.Minute == l || r.Minute == l + 1).ToList() : [];
        var storm = faults.StormMinute is { } st ? rows.FirstOrDefault(r => r.Minute == st) : null;
        double ratio = baseWrites / Math.Max(1, writesPerMin);
        var serverAll = ServerLatency.Sum(measured.Select(r => r.Server));
        var serverSteady = ServerLatency.Sum(steady.Select(r => r.Server));
        double p99Steady = ServerLatency.QuantileMs(serverSteady, 0.99);

        Line("");
        Line($"== scenario NodeMonitor: {_options.Nodes} nodes, {_options.Minutes} simulated minutes in {elapsed.TotalMinutes:0.0} real minutes (baseline included)");
        Line($"  central writes/min      {writesPerMin:0} (write RPCs: failure txn, delete, heartbeat put, lease grants: {measured.Average(r => r.Stats.LeaseGrants):0}/min), " +
             $"steady minutes {steady.Average(r => r.Stats.Writes):0}");
        Line($"  bytes/min               {bytesPerMin / 1024:0.0} KiB");
        Line($"  write latency (etcd)    p50 {ServerLatency.QuantileMs(serverAll, 0.5):0.0} ms, p99 {ServerLatency.QuantileMs(serverAll, 0.99):0.0} ms all minutes; " +
             $"p50 {ServerLatency.QuantileMs(serverSteady, 0.5):0.0} ms, p99 {p99Steady:0.0} ms outside fault minutes ({serverSteady[^1]:0} calls, grpc_server_handling_seconds)");
        Line($"  write latency (client)  p50 {Stats.Percentile(all, 50):0.0} ms, p99 {Stats.Percentile(all, 99):0.0} ms all minutes; p99 {Stats.Percentile(steadyLat, 99):0.0} ms outside fault minutes " +
             "(a heartbeat is one sample of its 1-3 RPCs; includes the simulator's own CPU queueing)");
        double compression = 60 / steady.Average(r => r.RealSeconds);
        Line($"  time compression        {compression:0.0}x: a simulated minute took {steady.Average(r => r.RealSeconds):0.0} s real outside fault minutes, " +
             "so writes reached etcd that many times faster than the fleet would send them");
        Line($"  at the real-time rate   {window.Writes} heartbeat puts paced over {window.Elapsed.TotalSeconds:0} s ({window.Writes / window.Elapsed.TotalSeconds:0}/s, " +
             $"the steady minutes' writes per simulated minute in one real minute, no node running): etcd p50 {ServerLatency.QuantileMs(window.Server, 0.5):0.0} ms, " +
             $"p99 {ServerLatency.QuantileMs(window.Server, 0.99):0.0} ms, {window.Failed} failed");
        Line($"  etcd DB                 {dbInUse / 1e6:0.0} MB in use, {dbTotal / 1e6:0.0} MB file");
        Line($"  Swift                   {measured.Sum(r => r.Stats.SwiftObjects)} objects, {measured.Sum(r => r.Stats.SwiftBytes) / 1e6:0.0} MB ({measured.Sum(r => r.Stats.SwiftReal)} uploaded to the real Swift, the rest counted)");
        Line($"  records                 {verify.Records} in etcd for {verify.FailingNodes} failing nodes; {verify.Delivered} deliveries, {verify.OutOfOrder} out of order");
        Line($"  lost                    {verify.Lost} ({verify.Wrong} nodes whose record differs from their last run, {verify.Pending} reports still spooled)");
        if (leader.Count > 0)
            Line($"  leader killed ({faults.KilledLeader}) client p99 {Stats.Percentile(leader.SelectMany(r => r.Stats.Latencies).ToList(), 99):0.0} ms " +
                 $"(etcd p99 {ServerLatency.QuantileMs(ServerLatency.Sum(leader.Select(r => r.Server)), 0.99):0.0} ms), " +
                 $"{leader.Sum(r => r.Stats.FailedCalls)} failed calls, slowest node run {leader.Max(r => r.MaxRunMs)} ms");
        if (quorum.Count > 0)
            Line($"  quorum lost 2 min       {quorum.Take(FaultPlan.QuorumLossMinutes).Sum(r => r.Enqueued)} reports made, " +
                 $"{quorum.Take(FaultPlan.QuorumLossMinutes).Last().PendingReports} spooled on {quorum.Take(FaultPlan.QuorumLossMinutes).Last().PendingNodes} nodes; " +
                 $"after restore {quorum.Last().PendingReports} left; slowest node run {quorum.Max(r => r.MaxRunMs)} ms (deadline {_options.DeadlineSeconds} s per call)");
        if (storm is not null)
            Line($"  storm                   {storm.Enqueued} reports in one minute, {storm.Stats.Writes} writes, p99 {Stats.Percentile(storm.Stats.Latencies, 99):0.0} ms, {storm.RealSeconds:0.0} s real");
        Line($"  quiet runs              {quiet.Checked} runs judged quiet were run anyway (sample of 1 node in 100): {quiet.Violations} sent anything; " +
             $"{measured.Average(r => r.Ran):0} node runs per minute executed");
        var clean = NotifyLags(notify, LagKind.Clean, fromRun: false);
        double notifyP99 = Stats.Percentile(clean, 99);
        var spooled = NotifyLags(notify, LagKind.Spooled, fromRun: false);
        if (notify is null) Line("  notify lag              not measured (no --notify-cli)");
        else
        {
            Line($"  notify lag (goal)       {Describe(clean)} from the write to the webhook, reports written by their own run outside fault minutes " +
                 $"(group window {_options.NotifyWindowSeconds} s; the goal: p99 <= window + 5 s)");
            Line($"  notify lag (faults)     {Describe(NotifyLags(notify, LagKind.FaultMinute, fromRun: false))} from the write, reports written by their own run in fault minutes " +
                 "(a member down, quorum lost, the storm, the drain)");
            Line($"  notify lag (spooled)    {Describe(spooled)} from the write, {Describe(NotifyLags(notify, LagKind.Spooled, fromRun: true))} from the run that made the report: " +
                 $"reports delivered from a spool after the outage (leader member down {Seconds(faults.LeaderDown)}, quorum lost {Seconds(faults.QuorumLost)} real)");
            Line($"  notify messages         {notify.MessageSizes.Count}, largest names {(notify.MessageSizes.Count > 0 ? notify.MessageSizes.Max() : 0)} nodes; " +
                 $"{notify.Unnotified} writes never named (a node that failed and recovered inside one window)");
        }
        Line("  aggregator snapshot     measured by fleet.sh: nodemonitor cluster snapshot over the whole fleet (cluster-<N>.txt)");
        Line($"== scenario baseline (Sensu-style: keepalive every 20 s + 1 event per check per minute), {_options.BaselineMinutes} minutes, {_options.BaselineSample} agents real");
        Line($"  writes/min              {baseWrites:0} ({baseline.WritesPerNodeMinute} per node)");
        Line($"  bytes/min               {baseBytes / 1024:0.0} KiB");
        Line($"  write latency (etcd)    p50 {ServerLatency.QuantileMs(baseline.Server, 0.5):0.0} ms, p99 {ServerLatency.QuantileMs(baseline.Server, 0.99):0.0} ms");
        Line($"  write latency (client)  p50 {Stats.Percentile(baseLat, 50):0.0} ms, p99 {Stats.Percentile(baseLat, 99):0.0} ms ({baseLat.Count} real puts)");
        Line($"  etcd DB                 +{(baseline.DbAfter - baseline.DbBefore) / 1e6:0.0} MB in use from the real sample; {baseDbProjected / 1e6:0} MB projected for {_options.Nodes} nodes");
        Line($"  real time               {baseline.Minutes.Average(m => m.Seconds):0.0} s per minute for the sample");
        Line("");
        Line($"fleet: nodes={_options.Nodes} writes/min={writesPerMin:0} baseline={baseWrites:0} ratio={ratio:0.0}x p99_ms={p99Steady:0.0} " +
             $"realtime_p99_ms={ServerLatency.QuantileMs(window.Server, 0.99):0.0} db_mb={dbInUse / 1e6:0.0} " +
             $"notify_p99_s={(notify is null ? "n/a" : notifyP99.ToString("0.0"))} " +
             $"notify_spooled_p99_s={(notify is null ? "n/a" : Stats.Percentile(spooled, 99).ToString("0.0"))} lost={verify.Lost}");
    }

    private static List<double> NotifyLags(NotifyWatch? notify, LagKind kind, bool fromRun) =>
        notify?.Lags.Where(l => l.Kind == kind).Select(l => fromRun ? l.FromRunSeconds : l.FromWriteSeconds).ToList() ?? [];

    private static string Describe(List<double> lags) => lags.Count == 0 ? "no samples"
        : $"p50 {Stats.Percentile(lags, 50):0.0} s, p99 {Stats.Percentile(lags, 99):0.0} s, max {lags.Max():0.0} s over {lags.Count}";

    private static string Seconds(TimeSpan? span) => span is { } s ? $"{s.TotalSeconds:0} s" : "n/a";
}
