namespace NodeMonitor.Checks;

/// <summary>
/// A TCP or UDP port, from /proc/net/{tcp,tcp6,udp,udp6} of this network namespace: listening, addresses
/// listened on ("0.0.0.0", "::", "127.0.0.1").
/// </summary>
public sealed class PortResource : NodeResource
{
    private readonly int _port;
    private readonly string _protocol;
    private readonly Lazy<List<string>> _addresses;

    internal PortResource(int port, string protocol)
    {
        if (protocol is not ("tcp" or "udp"))
        {
            throw new ArgumentException($"protocol \"{protocol}\" is not tcp or udp", nameof(protocol));
        }

        _port = port;
        _protocol = protocol;
        _addresses = new Lazy<List<string>>(() => ProcNetSockets.ListeningAddresses(protocol, port));
    }

    public override string Description => $"{_protocol} port {_port}";

    internal override Finding? Observe(Fact fact, string? key) => fact switch
    {
        Fact.Listening => Finding.State(_addresses.Value.Count > 0,
            _addresses.Value.Count > 0 ? "listening on " + string.Join(", ", _addresses.Value) : "not listening"),
        Fact.Addresses => Finding.Of(_addresses.Value),
        _ => null,
    };
}
