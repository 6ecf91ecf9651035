using System.Globalization;
using System.Net;

namespace NodeMonitor.Checks;

/// <summary>Listening sockets from the kernel's /proc/net tables, the source ss and netstat read.</summary>
internal static class ProcNetSockets
{
    private const string TcpListen = "0A";
    private const string UdpUnconnected = "07";

    public static List<string> ListeningAddresses(string protocol, int port)
    {
        var state = protocol == "tcp" ? TcpListen : UdpUnconnected;
        var addresses = new List<string>();
        foreach (var table in new[] { $"/proc/net/{protocol}", $"/proc/net/{protocol}6" })
        {
            if (!File.Exists(table))
            {
                continue; // no IPv6 in this kernel
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', 5, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 4 || fields[3] != state)
                {
                    continue;
                }

                var colon = fields[1].IndexOf(':');
                if (int.Parse(fields[1].AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    var address = ParseAddress(fields[1][..colon]).ToString();
                    if (!addresses.Contains(address))
                    {
                        addresses.Add(address);
                    }
                }
            }
        }

        return addresses;
    }

    /// <summary>The kernel prints each 32-bit word of the address in host (little-endian) order.</summary>
    private static IPAddress ParseAddress(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        for (var word = 0; word < bytes.Length; word += 4)
        {
            Array.Reverse(bytes, word, 4);
        }

        return new IPAddress(bytes);
    }
}
