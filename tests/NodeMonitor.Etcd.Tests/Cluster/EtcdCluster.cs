using NodeMonitor.Etcd.Tests;
using NodeMonitor.Tests.Shared;

namespace NodeMonitor.Etcd.ClusterTests;

/// <summary>A real three-member etcd cluster from build/services/etcd-cluster.sh, on free loopback ports chosen for this
/// test process and with data under artifacts/ in a folder of this process, so it meets neither a developer's cluster,
/// nor another suite's, nor the single-member test etcd.</summary>
internal static class EtcdCluster
{
    // Client and peer port of each member, chosen by StartOnFreePorts.
    private static int[] _ports = [];

    public static string Dir { get; } = Path.Combine(RealServices.Root, "artifacts", $"services-cluster-tests-{Environment.ProcessId}");

    public static IReadOnlyList<string> Endpoints => [.. Enumerable.Range(0, 3).Select(i => $"http://127.0.0.1:{_ports[2 * i]}")];

    /// <summary>Starts a fresh cluster on free ports (chosen again when one was taken meanwhile).</summary>
    public static void StartFresh() => LoopbackPorts.StartOnFreePorts(6, ports =>
    {
        _ports = ports;
        Script("clean");
        Script("start");
    });

    public static string Script(params string[] args) => RealServices.RunScript("etcd-cluster.sh", new Dictionary<string, string>
    {
        ["NM_SERVICES_DIR"] = Dir,
        ["NM_ETCD_CLUSTER_PORTS"] = string.Join(",", _ports),
    }, args);

    /// <summary>The member (1-3) that leads the cluster now.</summary>
    public static int Leader() => int.Parse(Script("leader").Trim());

    public static void Kill(int member) => Script("kill-member", member.ToString());

    /// <summary>Waits (at most <paramref name="limit"/>) until the surviving members have elected a leader: the time
    /// etcd itself needs after losing its leader, which no client can shorten.</summary>
    public static void WaitForLeader(TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                Leader();
                return;
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < until)
            {
                Thread.Sleep(200);
            }
        }
    }

    public static void Restart(int member) => Script("restart-member", member.ToString());
}
