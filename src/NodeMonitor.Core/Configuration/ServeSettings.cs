using System.Net;

namespace NodeMonitor.Core.Configuration;

/// <summary>Where <c>nodemonitor serve</c> listens: the <c>serve</c> section of nodemonitor.json.</summary>
/// <param name="Address">IP address to bind; loopback by default so the node's results are not on the network.</param>
/// <param name="Port">TCP port (default <see cref="DefaultPort"/>, next to node_exporter's 9100 range and free in
/// Prometheus' port allocation list).</param>
/// <param name="Token">Bearer token every request must carry; required when <paramref name="Address"/> is not loopback.</param>
public sealed record ServeSettings(string Address, int Port, string? Token)
{
    public const int DefaultPort = 9465;

    public static readonly ServeSettings Default = new("127.0.0.1", DefaultPort, null);

    /// <summary>True when the address is a loopback address (127.0.0.0/8, ::1, ::ffff:127.0.0.0/104) or "localhost".</summary>
    public bool IsLoopback =>
        Address == "localhost" || (IPAddress.TryParse(Address, out var ip) && IPAddress.IsLoopback(BindAddress(ip)));

    /// <summary>The address to bind: an IPv4-mapped IPv6 address (<c>::ffff:127.0.0.1</c>) is the IPv4 address it maps,
    /// which is what a socket can bind and what the loopback rule must judge.</summary>
    public static IPAddress BindAddress(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <inheritdoc cref="BindAddress(IPAddress)"/>
    public static IPAddress BindAddress(string address) => BindAddress(IPAddress.Parse(address));

    /// <summary>Checks the address and the token rule.</summary>
    /// <exception cref="ConfigurationException">The address is not an IP address, the port is out of range, or a
    /// non-loopback address has no token.</exception>
    public void Validate(string? file)
    {
        if (Address != "localhost" && !IPAddress.TryParse(Address, out _))
            throw new ConfigurationException($"expected an IP address such as 127.0.0.1, 0.0.0.0 or ::, found \"{Address}\"", file, "serve.address");
        if (Port is < 1 or > 65535)
            throw new ConfigurationException($"expected a port from 1 to 65535, found {Port}", file, "serve.port");
        if (!IsLoopback && string.IsNullOrWhiteSpace(Token))
            throw new ConfigurationException(
                $"serving on {Address} (not loopback) requires a bearer token: set serve.token (or NODEMONITOR_SERVE_TOKEN)", file, "serve.token");
    }
}
