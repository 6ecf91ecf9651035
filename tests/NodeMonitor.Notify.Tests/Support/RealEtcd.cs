using System.Diagnostics;
using dotnet_etcd;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Etcd;

namespace NodeMonitor.Notify.Tests;

/// <summary>Starts a real etcd with build/services on ports of its own (run the integration tests under the shared
/// server lock), data under artifacts/; each test uses a prefix of its own. The fixture is in the tests' namespace, so
/// its teardown stops etcd after them all (a server left running would keep holding the lock).</summary>
[SetUpFixture]
public sealed class RealEtcd
{
    public const int Port = 23794;
    public static string Root { get; } = FindRepo();
    public static string Url => $"http://127.0.0.1:{Port}";
    private static bool _started;

    /// <summary>Started on first use, so the tests that need no server never start one.</summary>
    public static void EnsureStarted()
    {
        if (_started) return;
        Script("start");
        _started = true;
    }

    [OneTimeTearDown]
    public void Stop()
    {
        if (_started) Script("stop");
    }

    public static EtcdSettings Settings(string prefix) => new([Url]) { Prefix = prefix, Deadline = TimeSpan.FromSeconds(3) };

    public static EtcdClient Client(string prefix)
    {
        EnsureStarted();
        return EtcdConnection.Create(Settings(prefix));
    }

    public static string NewPrefix() => $"/nmtest-{Guid.NewGuid():N}/";

    private static void Script(string verb)
    {
        var start = new ProcessStartInfo(Path.Combine(Root, "build", "services", "etcd.sh"), verb) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["NM_SERVICES_DIR"] = Path.Combine(Root, "artifacts", "services-notify-tests");
        start.Environment["NM_ETCD_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["NM_ETCD_PEER_PORT"] = (Port + 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
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
