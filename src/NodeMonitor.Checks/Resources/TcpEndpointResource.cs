using System.Net.Sockets;

namespace NodeMonitor.Checks;

/// <summary>A TCP address this node should reach (Goss's "addr"): reachable when a connection opens within the timeout.</summary>
public sealed class TcpEndpointResource(string host, int port, TimeSpan? timeout) : NodeResource
{
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(5);

    public override string Description => $"tcp endpoint {host}:{port}";

    internal override Finding? Observe(Fact fact, string? key)
    {
        if (fact != Fact.Reachable)
        {
            return null;
        }

        using var client = new TcpClient();
        using var cancel = new CancellationTokenSource(_timeout);
        try
        {
            client.ConnectAsync(host, port, cancel.Token).AsTask().GetAwaiter().GetResult();
            return Finding.State(true, "connected");
        }
        catch (SocketException e)
        {
            return Finding.State(false, $"connection failed: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            return Finding.State(false, $"no connection within {_timeout.TotalSeconds:0.###} s");
        }
    }
}
