using System.Diagnostics;

namespace NodeMonitor.Etcd.ClusterTests;

/// <summary>A real three-member etcd cluster from build/services/etcd-cluster.sh, on ports of its own (24379, 24389,
/// 24399) and with data under artifacts/, so it meets neither a developer's cluster nor the single-member test etcd.</summary>
internal static class EtcdCluster
{
    public const int BasePort = 24379;

    public static string Dir { get; } = Path.Combine(NodeMonitor.Etcd.Tests.RealServices.Root, "artifacts", "services-cluster-tests");

    public static IReadOnlyList<string> Endpoints { get; } =
        [.. Enumerable.Range(0, 3).Select(i => $"http://127.0.0.1:{BasePort + 10 * i}")];

    public static string Script(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(NodeMonitor.Etcd.Tests.RealServices.Root, "build", "services", "etcd-cluster.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["NM_SERVICES_DIR"] = Dir;
        start.Environment["NM_ETCD_CLUSTER_PORT"] = BasePort.ToString();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"etcd-cluster.sh {string.Join(' ', args)} exited {process.ExitCode}: {stdout.Result}\n{stderr}");
        return stdout.Result;
    }

    /// <summary>The member (1-3) that leads the cluster now.</summary>
    public static int Leader() => int.Parse(Script("leader").Trim());

    public static void Kill(int member) => Script("kill-member", member.ToString());

    public static void Restart(int member) => Script("restart-member", member.ToString());
}
