using System.Diagnostics;
using dotnet_etcd;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Etcd;
using NodeMonitor.Tests.Shared;

namespace NodeMonitor.Notify.Tests;

/// <summary>Starts a real etcd with build/services on free loopback ports, data in a folder of this test process under
/// artifacts/ (deleted at the end); each test uses a prefix of its own. The fixture is in the tests' namespace, so
/// its teardown stops etcd after them all (a server left running would keep holding the lock).</summary>
[SetUpFixture]
public sealed class RealEtcd
{
    private static int[] _ports = [];
    public static int Port => _ports.Length > 0 ? _ports[0] : throw new InvalidOperationException("etcd is not started");
    public static string Root { get; } = FindRepo();
    private static readonly string ServicesDir = Path.Combine(Root, "artifacts", $"services-notify-tests-{Environment.ProcessId}");
    public static string Url => $"http://127.0.0.1:{Port}";
    private static bool _started;

    /// <summary>Started on first use, so the tests that need no server never start one.</summary>
    public static void EnsureStarted()
    {
        if (_started) return;
        _ports = LoopbackPorts.StartOnFreePorts(2, ports => Script("start", ports));
        _started = true;
    }

    [OneTimeTearDown]
    public void Stop()
    {
        if (!_started) return;
        Script("stop", _ports);
        Directory.Delete(ServicesDir, recursive: true);
    }

    public static EtcdSettings Settings(string prefix) => new([Url]) { Prefix = prefix, Deadline = TimeSpan.FromSeconds(3) };

    public static EtcdClient Client(string prefix)
    {
        EnsureStarted();
        return EtcdConnection.Create(Settings(prefix));
    }

    public static string NewPrefix() => $"/nmtest-{Guid.NewGuid():N}/";

    private static void Script(string verb, int[] ports)
    {
        var start = new ProcessStartInfo(Path.Combine(Root, "build", "services", "etcd.sh"), verb) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["NM_SERVICES_DIR"] = ServicesDir;
        start.Environment["NM_ETCD_PORT"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["NM_ETCD_PEER_PORT"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"etcd.sh {verb} exited {process.ExitCode}: {stdout.Result}\n{stderr}");
    }

    private static string FindRepo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NodeMonitor.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("NodeMonitor.sln not found above the test directory");
    }
}
