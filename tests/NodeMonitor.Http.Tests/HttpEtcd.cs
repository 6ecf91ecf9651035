using NodeMonitor.Tests.Shared;

namespace NodeMonitor.Http.Tests;

/// <summary>A real etcd for the dashboard's silences, started on first use and stopped after this project's tests.</summary>
[SetUpFixture]
public sealed class HttpEtcd
{
    private static LoopbackEtcd? _etcd;

    public static string Url => (_etcd ??= LoopbackEtcd.Start("http-tests")).Url;

    [OneTimeTearDown]
    public void Stop()
    {
        _etcd?.Stop();
        _etcd = null;
    }
}
