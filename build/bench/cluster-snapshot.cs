#:project ../../src/NodeMonitor.Central/NodeMonitor.Central.csproj
#:property PublishAot=false
// The aggregator leader's snapshot at fleet scale, against a real etcd. Each measured step runs in a process of its own
// so its peak RSS (VmHWM) is its own.
// Usage: dotnet run build/bench/cluster-snapshot.cs -- populate|churn|turn ENDPOINT PREFIX NODES STATE_DIR [FAILING_PERCENT]
//   populate: NODES heartbeats (labels, 4 facts) and FAILING_PERCENT % failure records under PREFIX
//   churn:    rewrites 10 % of the heartbeats (a 10-minute heartbeat seen by runs a minute apart), expires 0.1 %, adds 0.1 %
//   turn:     one leader turn: campaign, snapshot (incremental when STATE_DIR holds the last one), view file written
using System.Diagnostics;
using System.Globalization;
using Etcdserverpb;
using Google.Protobuf;
using NodeMonitor.Central;
using NodeMonitor.Central.Cluster;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Etcd;

string mode = args[0];
var settings = new EtcdSettings([args[1]]) { Prefix = args[2], Deadline = TimeSpan.FromSeconds(30) };
int nodes = int.Parse(args[3], CultureInfo.InvariantCulture);
string state = args[4];
double failingPercent = args.Length > 5 ? double.Parse(args[5], CultureInfo.InvariantCulture) : 1;
using var client = EtcdConnection.Create(settings);
var deadline = () => DateTime.UtcNow.AddSeconds(60);

switch (mode)
{
    case "populate":
        await PutAsync(Enumerable.Range(0, nodes).Select(i => Heartbeat(i, 0)));
        int failing = (int)(nodes * failingPercent / 100);
        await PutAsync(Enumerable.Range(0, failing).Select(i => i * (nodes / Math.Max(1, failing))).Select(i => (settings.FailureKey(Name(i)), Failure(i))));
        Console.WriteLine($"populated {nodes} heartbeats and {failing} failure records under {settings.Prefix}");
        break;
    case "churn":
        var random = new Random(7);
        var picked = Enumerable.Range(0, nodes).OrderBy(_ => random.Next()).ToList(); // distinct: a txn may not name a key twice
        await PutAsync(picked.Take(nodes / 10).Select(i => Heartbeat(i, 1)));
        foreach (int i in picked.Skip(nodes / 10).Take(nodes / 1000)) await client.DeleteAsync(settings.NodeKey(Name(i)), deadline: deadline());
        await PutAsync(Enumerable.Range(nodes, nodes / 1000).Select(i => Heartbeat(i, 0)));
        Console.WriteLine($"churn: {nodes / 10} heartbeats rewritten, {nodes / 1000} expired, {nodes / 1000} new");
        break;
    case "turn":
        var report = new ReportSettings { Budget = TimeSpan.FromSeconds(60) };
        var aggregator = new ClusterAggregator(client, settings, report, "bench-leader", state);
        string views = Directory.CreateTempSubdirectory("nm-bench-view-").FullName;
        bool incremental = File.Exists(Path.Combine(state, ClusterAggregator.SnapshotFile));
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var turn = await aggregator.TakeTurnAsync(views, CancellationToken.None);
        double seconds = clock.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        if (!turn.Evaluates) throw new InvalidOperationException($"not leading: {turn.Describe("bench-leader")}");
        long viewBytes = new FileInfo(turn.ViewFile!).Length;
        Directory.Delete(views, recursive: true);
        // Only this process's own figures: VmHWM is its peak resident set.
        string hwm = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(':')[1].Trim();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {(incremental ? "incremental" : "full")} nodes={turn.Snapshot!.Nodes.Count} failures={turn.Snapshot.Failures.Count} seconds={seconds:0.000} cpu_s={cpuSeconds:0.00} " +
            $"peak_rss_kb={hwm.Split(' ')[0]} etcd_bytes={ClusterReadCostOf(aggregator)} view_bytes={viewBytes}"));
        break;
    default:
        throw new ArgumentException($"unknown mode {mode}");
}
return;

string ClusterReadCostOf(ClusterAggregator aggregator) => aggregator.LastReadCost is { } c ? $"{c.Bytes} etcd_calls={c.Calls} values={c.Values}" : "?";

string Name(int i) => $"node-{i:D6}";

(string Key, string Value) Heartbeat(int i, int generation)
{
    var now = DateTimeOffset.UtcNow;
    var value = new HeartbeatValue(Name(i), "0.1.0+bench", $"20260301T120000.000Z-{i % 65536:x4}", now.AddSeconds(-3), now, true, 42, 0, now, 600)
    {
        Labels = new Dictionary<string, string> { ["role"] = (i % 4) switch { 0 => "db", 1 => "cache", _ => "web" }, ["dc"] = $"dc{i % 8}", ["rack"] = $"r{i % 40}" },
        Facts = new Dictionary<string, string>
        {
            ["clock.offset_ms"] = (i % 50 + generation).ToString(CultureInfo.InvariantCulture), ["kernel"] = "6.1.0-28-amd64",
            ["postgres.role"] = i == 0 ? "primary" : "none", ["disk.root_free_pct"] = (40 + i % 50).ToString(CultureInfo.InvariantCulture),
        },
    };
    return (settings.NodeKey(Name(i)), value.ToJson());
}

string Failure(int i) => new FailureRecord(Name(i), "20260301T120000.000Z-0001", DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow,
    "0123456789abcdef", ["linux-health: LinuxHealth.Disk.RootHasSpace", "linux-health: LinuxHealth.Services.NoFailedUnits"], 2, [],
    $"http://swift.example:8080/v1/AUTH_ops/nodemonitor/{Name(i)}/failures/20260301T120000.000Z-0001/result.json", null, null).ToJson();

async Task PutAsync(IEnumerable<(string Key, string Value)> puts)
{
    foreach (var chunk in puts.Chunk(100))
    {
        var txn = new TxnRequest();
        foreach (var (key, value) in chunk)
            txn.Success.Add(new RequestOp { RequestPut = new PutRequest { Key = ByteString.CopyFromUtf8(key), Value = ByteString.CopyFromUtf8(value) } });
        await client.TransactionAsync(txn, deadline: deadline());
    }
}
