using System.CommandLine;
using NodeMonitor.Cli.Json;
using NodeMonitor.Central.Cluster;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Security;
using NodeMonitor.Etcd;

namespace NodeMonitor.Cli.Commands;

/// <summary><c>nodemonitor cluster snapshot|status</c>: the cluster as cluster plugins see it, and who evaluates them.</summary>
internal static class ClusterCommand
{
    public static Command Create()
    {
        var command = new Command("cluster", """
            The cluster as etcd has it: the snapshot cluster plugins read, and the aggregator election that decides
            which node evaluates them. Needs the etcd section in the configuration.

            Exit codes: 0 done, 2 no etcd configured or bad usage, 3 etcd unreachable.
            """)
        { Snapshot(), Status() };
        return command;
    }

    private static Command Snapshot()
    {
        var config = CommonOptions.Config();
        var format = CommonOptions.Format();
        var command = new Command("snapshot", """
            Read the cluster at one etcd revision: live nodes with labels, facts and last heartbeat, and every failure
            record. --format json prints exactly the file a cluster plugin gets as NODEMONITOR_CLUSTER_VIEW, so a saved
            snapshot lets the same aggregated tests run under `dotnet test` at a desk or in CI.

            Examples:
              nodemonitor cluster snapshot
              nodemonitor cluster snapshot --format json > snapshot.json
              NODEMONITOR_CLUSTER_VIEW=snapshot.json dotnet test samples/cluster-checks
            """)
        { config, format };
        command.SetAction(async (parse, ct) =>
        {
            var cfg = CommonOptions.Load(parse, config);
            var etcd = RequireEtcd(cfg);
            using var client = EtcdConnection.Create(etcd);
            var snapshot = await Read(() => new ClusterSnapshotReader(client, etcd).ReadAsync(null, DateTime.UtcNow + cfg.Report.Budget, ct));
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                using var stdout = Console.OpenStandardOutput();
                snapshot.WriteTo(stdout);
                stdout.WriteByte((byte)'\n');
            }
            else WriteText(snapshot);
            return ExitCodes.Passed;
        });
        return command;
    }

    private static Command Status()
    {
        var config = CommonOptions.Config();
        var format = CommonOptions.Format();
        var command = new Command("status", """
            Show which node holds the aggregator election (and so evaluates cluster plugins), how long its lease has
            left, how many nodes have a heartbeat key (live nodes, and silent ones until their lease runs out: at most 12
            heartbeat intervals; `cluster snapshot` leaves the silent ones out) and how many failure records exist. Reads
            counts, never the whole fleet.

            Examples:
              nodemonitor cluster status
              nodemonitor cluster status --format json
            """)
        { config, format };
        command.SetAction(async (parse, ct) =>
        {
            var cfg = CommonOptions.Load(parse, config);
            var etcd = RequireEtcd(cfg);
            using var client = EtcdConnection.Create(etcd);
            var status = await Read(() => ClusterStatus.ReadAsync(client, etcd, cfg.Report, ct));
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                Console.Out.WriteLine(CliJson.Print(new ClusterStatusDocument(
                    status.Leader?.Candidate, status.Leader?.Value, status.Leader?.FencingToken,
                    status.LeaseRemaining?.TotalSeconds, status.LeaseTtl.TotalSeconds,
                    status.LiveNodes, status.FailureRecords, status.ClusterFailing, status.Revision)));
                return ExitCodes.Passed;
            }
            Console.Out.WriteLine(status.Leader is { } leader
                ? $"aggregator: {TerminalText.Line(leader.Candidate)} (lease {Seconds(status.LeaseRemaining)} of {status.LeaseTtl.TotalSeconds:0} s left, fencing token {leader.FencingToken})"
                : "aggregator: nobody (the next run of a node with a cluster plugin takes the election)");
            Console.Out.WriteLine($"live nodes: {status.LiveNodes} heartbeat keys (silent nodes stay until their lease runs out)");
            Console.Out.WriteLine($"failure records: {status.FailureRecords}{(status.ClusterFailing ? $" (including {NodeName.Cluster})" : "")}");
            Console.Out.WriteLine($"etcd revision: {status.Revision}");
            return ExitCodes.Passed;
        });
        return command;
    }

    private static void WriteText(ClusterSnapshot snapshot)
    {
        var failing = snapshot.Failures.ToDictionary(f => f.Node, StringComparer.Ordinal);
        Console.Out.WriteLine($"revision {snapshot.Revision}: {snapshot.Nodes.Count} live node(s), {snapshot.Failures.Count} failure record(s)" +
                              (snapshot.UnreadableNodes > 0 ? $", {snapshot.UnreadableNodes} unreadable heartbeat(s)" : ""));
        foreach (var node in snapshot.Nodes)
        {
            string labels = string.Join(",", node.Labels.Select(l => $"{l.Key}={l.Value}"));
            string facts = string.Join(",", node.Facts.Select(f => $"{f.Key}={f.Value}"));
            Console.Out.WriteLine(TerminalText.Line($"{node.Node}  seen {node.LastSeen:u}  {(failing.ContainsKey(node.Node) ? "FAILING" : "ok")}" +
                                                    $"{(labels.Length > 0 ? "  labels " + labels : "")}{(facts.Length > 0 ? "  facts " + facts : "")}"));
        }
        var live = snapshot.Nodes.Select(n => n.Node).ToHashSet(StringComparer.Ordinal);
        foreach (var failure in snapshot.Failures.Where(f => !live.Contains(f.Node)))
            Console.Out.WriteLine(TerminalText.Line($"{failure.Node}  failing ({failure.FailingTotal} test(s)){(failure.Node == NodeName.Cluster ? "" : ", no live heartbeat")}"));
    }

    private static string Seconds(TimeSpan? remaining) => remaining is { } r ? $"{r.TotalSeconds:0} s" : "expired";

    private static EtcdSettings RequireEtcd(NodeMonitorConfig cfg) =>
        cfg.Etcd ?? throw new ConfigurationException("no etcd section in the configuration; `cluster` reads etcd", cfg.SourceFile, "etcd");

    private static async Task<T> Read<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (CentralDeliveryException e)
        {
            throw new CouldNotRunException(e.Message);
        }
    }
}
