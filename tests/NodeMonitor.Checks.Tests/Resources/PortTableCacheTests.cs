using System.Net;
using System.Net.Sockets;

namespace NodeMonitor.Checks.Tests.Resources;

/// <summary>The socket tables are kept between port checks; these hold the cache to what the kernel says right now.</summary>
[NonParallelizable]
public sealed class PortTableCacheTests
{
    [Test]
    public void A_listener_opened_right_after_a_check_is_seen_by_the_next_check()
    {
        using var first = Listen();
        Assert.That(Resource.Port(PortOf(first)), Its.Listening); // fills the cache

        using var second = Listen();
        Assert.That(Resource.Port(PortOf(second)), Its.Listening.And.Address("127.0.0.1"));
    }

    [Test]
    public void A_listener_closed_right_after_a_check_is_not_seen_by_the_next_check()
    {
        var listener = Listen();
        var port = PortOf(listener);
        Assert.That(Resource.Port(port), Its.Listening);

        listener.Stop();
        listener.Dispose();
        Assert.That(Resource.Port(port), Its.Not.Listening);
    }

    [Test]
    public void Opening_and_closing_listeners_between_many_checks_is_always_seen()
    {
        for (var i = 0; i < 25; i++)
        {
            var tcp = Listen();
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            var udpPort = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
            Assert.That(Resource.Port(PortOf(tcp)), Its.Listening, $"round {i}: tcp open");
            Assert.That(Resource.Port(udpPort, "udp"), Its.Listening, $"round {i}: udp open");
            tcp.Stop();
            tcp.Dispose();
            udp.Close();
            Assert.That(Resource.Port(PortOf(tcp)), Its.Not.Listening, $"round {i}: tcp closed");
            Assert.That(Resource.Port(udpPort, "udp"), Its.Not.Listening, $"round {i}: udp closed");
        }
    }

    private static TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private static int PortOf(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;
}
