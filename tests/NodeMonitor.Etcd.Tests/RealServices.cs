using System.Diagnostics;
using System.Text.RegularExpressions;

namespace NodeMonitor.Etcd.Tests;

/// <summary>Starts a real etcd and Swift with build/services on ports of their own (not a developer's 2379/8080),
/// with data under artifacts/, and counts requests at the servers.</summary>
[SetUpFixture]
public sealed class RealServices
{
    public const int EtcdPort = 23790;
    public const int SwiftPort = 18080;
    public static string Root { get; } = FindRepo();
    public static string Dir { get; } = Path.Combine(Root, "artifacts", "services-central-tests");
    public static string EtcdUrl => $"http://127.0.0.1:{EtcdPort}";
    public static string SwiftAuthUrl => $"http://127.0.0.1:{SwiftPort}/auth/v1.0";
    public static string ProxyLog => Path.Combine(Dir, "swift", "log", "proxy.log");

    [OneTimeSetUp]
    public void Start()
    {
        Script("etcd.sh", "start");
        Script("swift.sh", "start");
    }

    [OneTimeTearDown]
    public void Stop()
    {
        Script("etcd.sh", "stop");
        Script("swift.sh", "stop");
    }

    public static void StopEtcd() => Script("etcd.sh", "stop");
    public static void StartEtcd() => Script("etcd.sh", "start");

    public static string Script(string name, string verb) => RunScript(name, new Dictionary<string, string>
    {
        ["NM_SERVICES_DIR"] = Dir,
        ["NM_ETCD_PORT"] = EtcdPort.ToString(),
        ["NM_ETCD_PEER_PORT"] = "23800",
        ["NM_SWIFT_PORT"] = SwiftPort.ToString(),
        ["NM_SWIFT_OBJECT_PORT"] = "16200",
        ["NM_SWIFT_CONTAINER_PORT"] = "16201",
        ["NM_SWIFT_ACCOUNT_PORT"] = "16202",
        ["NM_MEMCACHED_PORT"] = "21211",
    }, verb);

    /// <summary>Runs build/services/<paramref name="name"/> with <paramref name="args"/> in <paramref name="environment"/>;
    /// its stdout, or an exception with both outputs when it fails.</summary>
    public static string RunScript(string name, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(Root, "build", "services", name))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{name} {string.Join(' ', args)} exited {process.ExitCode}: {stdout.Result}\n{stderr}");
        return stdout.Result;
    }

    /// <summary>etcd's own counters of puts, ranges, txns and deletes.</summary>
    public static async Task<EtcdCounts> EtcdCountsAsync()
    {
        using var http = new HttpClient();
        string text = await http.GetStringAsync($"{EtcdUrl}/metrics");
        double Count(string name) => Regex.Match(text, $"^{name} (\\S+)$", RegexOptions.Multiline) is { Success: true } m
            ? double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return new EtcdCounts(Count("etcd_mvcc_put_total"), Count("etcd_mvcc_range_total"), Count("etcd_mvcc_txn_total"),
            Count("etcd_mvcc_delete_total"));
    }

    /// <summary>Client requests the Swift proxy has logged (its own sub-requests start with "- -").</summary>
    public static int SwiftRequests() =>
        File.Exists(ProxyLog) ? File.ReadLines(ProxyLog).Count(l => l.StartsWith("proxy-server: 127.0.0.1 127.0.0.1 ", StringComparison.Ordinal)) : 0;

    private static string FindRepo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NodeMonitor.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("NodeMonitor.sln not found above the test directory");
    }
}

public sealed record EtcdCounts(double Puts, double Ranges, double Txns, double Deletes)
{
    public double Total => Ranges + Txns + Deletes + Puts;

    public static EtcdCounts operator -(EtcdCounts a, EtcdCounts b) =>
        new(a.Puts - b.Puts, a.Ranges - b.Ranges, a.Txns - b.Txns, a.Deletes - b.Deletes);
}
