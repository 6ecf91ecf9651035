using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NUnit.Framework;

namespace NodeMonitor.Samples.NetworkReachability;

/// <summary>
/// Can this node talk TCP at all, and can it reach the services it depends on?
/// Every network call takes the test's CancellationToken: [CancelAfter] is the hard ceiling
/// (NUnit 5 rejects [Timeout], and NUnit 4's only abandons the thread).
/// </summary>
[TestFixture]
public sealed class NetworkReachabilityChecks
{
    private const string TargetsVariable = "NM_REACH_TARGETS";
    private const string ConnectTimeoutVariable = "NM_REACH_CONNECT_TIMEOUT_MS";

    [Test]
    [CancelAfter(5000)]
    public async Task LoopbackTcpConnectionCarriesData(CancellationToken cancellationToken)
    {
        // Port 0: the kernel picks a free port, so two runs or two nodes in one host never collide.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var accepting = listener.AcceptTcpClientAsync(cancellationToken).AsTask();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
        using var server = await accepting;

        await client.GetStream().WriteAsync("ping"u8.ToArray(), cancellationToken);
        var received = new byte[4];
        await server.GetStream().ReadExactlyAsync(received, cancellationToken);

        Assert.That(received, Is.EqualTo("ping"u8.ToArray()), $"bytes sent over 127.0.0.1:{port} came back changed");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task LocalhostResolvesToALoopbackAddress(CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync("localhost", cancellationToken);

        Assert.That(addresses, Has.Some.Matches<IPAddress>(IPAddress.IsLoopback),
            $"'localhost' resolved to [{string.Join(", ", addresses.Select(a => a.ToString()))}], no loopback address (check /etc/hosts)");
    }

    [TestCaseSource(nameof(ConfiguredTargets))]
    [CancelAfter(10000)]
    public async Task ConfiguredTargetAcceptsConnections(string entry, CancellationToken cancellationToken)
    {
        if (!ReachTarget.TryParse(entry, out var target, out var error))
            Assert.Fail($"{error} in {TargetsVariable}");

        // The per-connect limit is configurable; [CancelAfter] stays the ceiling for the whole test.
        using var connectLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timeout = ConnectTimeout();
        connectLimit.CancelAfter(timeout);

        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(target!.Host, target.Port, connectLimit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"{target}: no answer within {timeout.TotalMilliseconds:0} ms ({ConnectTimeoutVariable})");
        }
        catch (SocketException e)
        {
            Assert.Fail($"{target}: {e.SocketErrorCode} ({e.Message})");
        }

        Assert.That(client.Connected, Is.True, $"{target}: connect returned but the socket is not connected");
    }

    /// <summary>
    /// One test case per configured target. With nothing configured there is one Ignored case that
    /// says so: not a failure (nothing is wrong with the node) and not an empty source, which NUnit
    /// would report as an error ("No arguments were provided").
    /// </summary>
    public static IEnumerable<TestCaseData> ConfiguredTargets()
    {
        var entries = ReachTarget.SplitList(Environment.GetEnvironmentVariable(TargetsVariable));
        if (entries.Count == 0)
        {
            yield return new TestCaseData("none")
                .Ignore($"{TargetsVariable} is not set; list host:port pairs in plugin.json's \"environment\" to check them");
            yield break;
        }

        foreach (var entry in entries)
            yield return new TestCaseData(entry);
    }

    private static TimeSpan ConnectTimeout()
    {
        var text = Environment.GetEnvironmentVariable(ConnectTimeoutVariable);
        if (string.IsNullOrWhiteSpace(text))
            return TimeSpan.FromMilliseconds(3000);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms <= 0)
            Assert.Fail($"{ConnectTimeoutVariable}='{text}' is not a positive number of milliseconds");
        return TimeSpan.FromMilliseconds(ms);
    }
}
