using System.Diagnostics;
using System.Text.RegularExpressions;
using NodeMonitor.Tests.Shared;

namespace NodeMonitor.Etcd.Tests;

/// <summary>Starts a real etcd and Swift with build/services on free loopback ports chosen for this test process (never a
/// developer's 2379/8080, never another suite's), with data under artifacts/ in a folder of this process, and counts
/// requests at the servers.</summary>
[SetUpFixture]
public sealed class RealServices
{
    // etcd client and peer, Swift proxy, object, container and account servers, memcached.
    private static int[] _ports = [];

    public static int EtcdPort => _ports[0];
    public static int SwiftPort => _ports[2];
    public static string Root { get; } = FindRepo();
    public static string Dir { get; } = Path.Combine(Root, "artifacts", $"services-central-tests-{Environment.ProcessId}");
    public static string EtcdUrl => $"http://127.0.0.1:{EtcdPort}";
    public static string SwiftAuthUrl => $"http://127.0.0.1:{SwiftPort}/auth/v1.0";
    public static string ProxyLog => Path.Combine(Dir, "swift", "log", "proxy.log");

    [OneTimeSetUp]
    public void Start() => LoopbackPorts.StartOnFreePorts(7, ports =>
    {
        _ports = ports;
        try
        {
            Script("etcd.sh", "start");
            Script("swift.sh", "start");
        }
        catch (InvalidOperationException)
        {
            StopQuietly();
            throw;
        }
        CreateSwiftAccount().GetAwaiter().GetResult();
    });

    /// <summary>Swift creates an account's database on its first container, which takes seconds on a fresh data folder:
    /// done here once, so no test's budget pays for it.</summary>
    private static async Task CreateSwiftAccount()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        using var auth = new HttpRequestMessage(HttpMethod.Get, SwiftAuthUrl);
        auth.Headers.Add("X-Auth-User", "test:tester");
        auth.Headers.Add("X-Auth-Key", "testing");
        using var token = await http.SendAsync(auth);
        token.EnsureSuccessStatusCode();
        using var create = new HttpRequestMessage(HttpMethod.Put, token.Headers.GetValues("X-Storage-Url").Single() + "/nm-warm-up");
        create.Headers.Add("X-Auth-Token", token.Headers.GetValues("X-Auth-Token").Single());
        (await http.SendAsync(create)).EnsureSuccessStatusCode();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        Script("etcd.sh", "stop");
        Script("swift.sh", "stop");
        Directory.Delete(Dir, recursive: true);
    }

    private static void StopQuietly()
    {
        try { Script("etcd.sh", "stop"); } catch (InvalidOperationException) { }
        try { Script("swift.sh", "stop"); } catch (InvalidOperationException) { }
    }

    public static void StopEtcd() => Script("etcd.sh", "stop");
    public static void StartEtcd() => Script("etcd.sh", "start");

    public static string Script(string name, string verb)
    {
        string[] names = ["NM_ETCD_PORT", "NM_ETCD_PEER_PORT", "NM_SWIFT_PORT", "NM_SWIFT_OBJECT_PORT", "NM_SWIFT_CONTAINER_PORT",
            "NM_SWIFT_ACCOUNT_PORT", "NM_MEMCACHED_PORT"];
        return ScriptIn(Dir, name, verb, names.Select((n, i) => (n, _ports[i].ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToDictionary(p => p.n, p => p.Item2));
    }

    /// <summary>A build/services script with its data in <paramref name="servicesDir"/> and the given ports.</summary>
    public static string ScriptIn(string servicesDir, string name, string verb, Dictionary<string, string> ports) =>
        RunScript(name, new Dictionary<string, string>(ports) { ["NM_SERVICES_DIR"] = servicesDir }, verb);

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
