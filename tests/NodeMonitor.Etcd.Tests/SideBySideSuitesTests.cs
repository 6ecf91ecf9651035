using System.Globalization;
using NodeMonitor.Tests.Shared;

namespace NodeMonitor.Etcd.Tests;

/// <summary>
/// Two test suites on one machine do not collide: a second etcd, as another suite's run of build/services would start
/// it, comes up on its own free ports and data beside this suite's, and both answer.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class SideBySideSuitesTests
{
    [Test]
    public async Task ASecondSuitesEtcdStartsBesideThisOneOnItsOwnFreePorts()
    {
        string dir = Path.Combine(RealServices.Root, "artifacts", $"services-side-by-side-{Guid.NewGuid():N}");
        int[] ports = [];
        string Etcd(string verb) => RealServices.ScriptIn(dir, "etcd.sh", verb, new()
        {
            ["NM_ETCD_PORT"] = ports[0].ToString(CultureInfo.InvariantCulture),
            ["NM_ETCD_PEER_PORT"] = ports[1].ToString(CultureInfo.InvariantCulture),
        });
        try
        {
            string started = "";
            ports = LoopbackPorts.StartOnFreePorts(2, chosen => { ports = chosen; started = Etcd("start"); });

            Assert.That(ports, Does.Not.Contain(RealServices.EtcdPort));
            Assert.That(started, Does.Contain($"ETCD_ENDPOINTS=http://127.0.0.1:{ports[0]}"));
            using var http = new HttpClient();
            Assert.That(await http.GetStringAsync($"http://127.0.0.1:{ports[0]}/health"), Does.Contain("true"));
            Assert.That(await http.GetStringAsync($"{RealServices.EtcdUrl}/health"), Does.Contain("true"), "this suite's etcd still answers");
        }
        finally
        {
            if (ports.Length > 0) Etcd("clean");
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
