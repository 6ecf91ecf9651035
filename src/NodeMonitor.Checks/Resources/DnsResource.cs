using System.Net;
using System.Net.Sockets;

namespace NodeMonitor.Checks;

/// <summary>A host name, resolved once by the system resolver (as the node's programs would): resolvable, addresses.</summary>
public sealed class DnsResource : NodeResource
{
    private readonly string _host;
    private readonly TimeSpan _timeout;
    private readonly Lazy<(List<string>? Addresses, string? Failure)> _resolution;

    internal DnsResource(string host, TimeSpan? timeout)
    {
        _host = host;
        _timeout = timeout ?? TimeSpan.FromSeconds(5);
        _resolution = new Lazy<(List<string>?, string?)>(Resolve);
    }

    public override string Description => $"dns name {_host}";

    internal override Finding? Observe(Fact fact, string? key)
    {
        var (addresses, failure) = _resolution.Value;
        return fact switch
        {
            Fact.Present => Finding.State(addresses is { Count: > 0 }, addresses is { Count: > 0 } ? "resolves to " + string.Join(", ", addresses) : failure ?? "no addresses"),
            Fact.Addresses => addresses is null ? Finding.Absent(failure!) : Finding.Of(addresses),
            _ => null,
        };
    }

    private (List<string>?, string?) Resolve()
    {
        try
        {
            using var timeout = new CancellationTokenSource(_timeout);
            var addresses = Dns.GetHostAddressesAsync(_host, timeout.Token).GetAwaiter().GetResult();
            return (addresses.Select(a => a.ToString()).Distinct().ToList(), null);
        }
        catch (SocketException e)
        {
            return (null, $"does not resolve: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            return (null, $"no answer within {_timeout.TotalSeconds:0.###} s");
        }
    }
}
