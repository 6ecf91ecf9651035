using NodeMonitor.Etcd.Tests;

namespace NodeMonitor.Etcd.ClusterTests;

/// <summary>A real three-member etcd cluster from build/services/etcd-cluster.sh, on ports of its own (24379, 24389,
/// 24399) and with data under artifacts/, so it meets neither a developer's cluster nor the single-member test etcd.</summary>
internal static class EtcdCluster
{
    public const int BasePort = 24379;

    public static string Dir { get; } = Path.Combine(RealServices.Root, "artifacts", "services-cluster-tests");

    public static IReadOnlyList<string> Endpoints { get; } =
        [.. Enumerable.Range(0, 3).Select(i => $"http://127.0.0.1:{BasePort + 10 * i}")];

    public static string Script(params string[] args) => RealServices.RunScript("etcd-cluster.sh", new Dictionary<string, string>
    {
        ["NM_SERVICES_DIR"] = Dir,
        ["NM_ETCD_CLUSTER_PORT"] = BasePort.ToString(),
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
