using System.Globalization;

namespace NodeMonitor.Tests.Shared;

/// <summary>
/// A real three-member etcd cluster from build/services/etcd-cluster.sh on free loopback ports chosen for this test
/// process, its data in a folder of this process under artifacts/, so it meets neither a developer's cluster, nor another
/// suite's, nor a single-member test etcd. Members are numbered 1-3, as the script numbers them.
/// </summary>
internal sealed class LoopbackEtcdCluster
{
    private int[] _ports = [];

    private LoopbackEtcdCluster(string dir) => Dir = dir;

    public string Dir { get; }

    public IReadOnlyList<string> Endpoints => [.. Enumerable.Range(0, 3).Select(i => $"http://127.0.0.1:{_ports[2 * i]}")];

    /// <param name="suite">Names the data folder: artifacts/services-&lt;suite&gt;-&lt;pid&gt;.</param>
    public static LoopbackEtcdCluster StartFresh(string suite)
    {
        var cluster = new LoopbackEtcdCluster(Path.Combine(LoopbackEtcd.RepoRoot, "artifacts", $"services-{suite}-{Environment.ProcessId}"));
        LoopbackPorts.StartOnFreePorts(6, ports =>
        {
            cluster._ports = ports;
            cluster.Script("clean");
            cluster.Script("start");
        });
        return cluster;
    }

    /// <summary>Stops every member and deletes the data.</summary>
    public void Remove()
    {
        Script("clean");
        if (Directory.Exists(Dir)) Directory.Delete(Dir, recursive: true);
    }

    /// <summary>Runs etcd-cluster.sh with <paramref name="args"/> on this cluster; its stdout, or an exception with both
    /// outputs when it fails.</summary>
    public string Script(params string[] args) => LoopbackEtcd.RunScript("etcd-cluster.sh", new Dictionary<string, string>
    {
        ["NM_SERVICES_DIR"] = Dir,
        ["NM_ETCD_CLUSTER_PORTS"] = string.Join(",", _ports),
    }, args);

    /// <summary>The member (1-3) that leads the cluster now.</summary>
    public int Leader() => int.Parse(Script("leader").Trim(), CultureInfo.InvariantCulture);

    /// <summary>SIGKILL: a crash, no clean shutdown.</summary>
    public void Kill(int member) => Script("kill-member", member.ToString(CultureInfo.InvariantCulture));

    public void Restart(int member) => Script("restart-member", member.ToString(CultureInfo.InvariantCulture));

    /// <summary>Every member running again (idempotent).</summary>
    public void StartAll() => Script("start");

    /// <summary>Waits (at most <paramref name="limit"/>) until the running members have elected a leader: the time etcd
    /// itself needs after losing its leader, which no client can shorten.</summary>
    public void WaitForLeader(TimeSpan limit)
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
}
