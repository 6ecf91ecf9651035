using dotnet_etcd;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Etcd;
using NodeMonitor.Tests.Shared;

namespace NodeMonitor.Notify.Tests;

/// <summary>Starts a real etcd (<see cref="LoopbackEtcd"/>) on first use; each test uses a prefix of its own. The
/// fixture is in the tests' namespace, so its teardown stops etcd after them all (a server left running would keep
/// holding the lock).</summary>
[SetUpFixture]
public sealed class RealEtcd
{
    private static LoopbackEtcd? _etcd;

    public static int Port => (_etcd ?? throw new InvalidOperationException("etcd is not started")).Port;

    public static string Root => LoopbackEtcd.RepoRoot;

    public static string Url => $"http://127.0.0.1:{Port}";

    /// <summary>Started on first use, so the tests that need no server never start one.</summary>
    public static void EnsureStarted() => _etcd ??= LoopbackEtcd.Start("notify-tests");

    [OneTimeTearDown]
    public void Stop()
    {
        _etcd?.Stop();
        _etcd = null;
    }

    public static EtcdSettings Settings(string prefix) => new([Url]) { Prefix = prefix, Deadline = TimeSpan.FromSeconds(3) };

    public static EtcdClient Client(string prefix)
    {
        EnsureStarted();
        return EtcdConnection.Create(Settings(prefix));
    }

    public static string NewPrefix() => $"/nmtest-{Guid.NewGuid():N}/";
}
