using System.Globalization;
using System.Net;

namespace NodeMonitor.Checks;

/// <summary>
/// Listening sockets from the kernel's /proc/net tables, the source ss and netstat read. Reading a table costs
/// milliseconds even when it is short (the kernel walks its whole socket hash), so the listeners are kept for
/// <see cref="MaxAge"/> and 1,000 port checks read each table about once.
/// Correctness wins over the cache: a kept table is used only while nothing says it changed, i.e. while the kernel's
/// socket count for the protocol (/proc/net/sockstat, sockstat6) and the sockets of this process (their inodes in
/// /proc/self/fd: a new socket is a new inode) are the same as when it was read. So a listener opened or closed by
/// a test is always seen, and one opened or closed by another process too, unless that process closes one socket
/// and opens another in the same moment (the count stays), which can hide for at most <see cref="MaxAge"/>.
/// When sockstat cannot be read nothing is kept.
/// </summary>
internal static class ProcNetSockets
{
    /// <summary>The longest a table is reused even while the socket count says nothing changed.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private const string TcpListen = "0A";
    private const string UdpUnconnected = "07";

    // The tables are the node's, not a test's: shared by the whole process, like FileBackedCache.
    private static readonly Dictionary<string, Snapshot> Snapshots = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    public static List<string> ListeningAddresses(string protocol, int port)
    {
        var addresses = new List<string>();
        foreach (var listener in Listeners(protocol))
        {
            if (listener.Port == port && !addresses.Contains(listener.Address))
            {
                addresses.Add(listener.Address);
            }
        }

        return addresses;
    }

    private static IReadOnlyList<Listener> Listeners(string protocol)
    {
        var count = SocketCount(protocol);
        var now = Environment.TickCount64;
        lock (Gate)
        {
            if (count is not null && Snapshots.TryGetValue(protocol, out var kept) && kept.Count == count
                && now - kept.ReadAt < (long)MaxAge.TotalMilliseconds)
            {
                return kept.Listeners;
            }
        }

        // Read outside the lock: a slow read must not hold up checks of the other protocol.
        var listeners = Read(protocol);
        if (count is not null)
        {
            lock (Gate)
            {
                Snapshots[protocol] = new Snapshot(count, now, listeners);
            }
        }

        return listeners;
    }

    private static List<Listener> Read(string protocol)
    {
        var state = protocol == "tcp" ? TcpListen : UdpUnconnected;
        var listeners = new List<Listener>();
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
                var port = int.Parse(fields[1].AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                listeners.Add(new Listener(port, ParseAddress(fields[1][..colon]).ToString()));
            }
        }

        return listeners;
    }

    /// <summary>"TCP: inuse 5 ..." and "TCP6: inuse 0" (or UDP) and this process's sockets, joined; null when
    /// sockstat cannot be read.</summary>
    private static string? SocketCount(string protocol)
    {
        var prefix = protocol == "tcp" ? "TCP" : "UDP";
        try
        {
            var count = "";
            foreach (var (file, name) in new[] { ("/proc/net/sockstat", prefix + ":"), ("/proc/net/sockstat6", prefix + "6:") })
            {
                if (!File.Exists(file))
                {
                    continue;
                }

                var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
                var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var inuse = fields is null ? -1 : Array.IndexOf(fields, "inuse");
                if (inuse < 0 || inuse + 1 >= fields!.Length)
                {
                    return null;
                }

                count += name + fields[inuse + 1] + " ";
            }

            return count.Length == 0 ? null : count + OwnSockets.Read();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
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

    private sealed record Listener(int Port, string Address);

    private sealed record Snapshot(string Count, long ReadAt, IReadOnlyList<Listener> Listeners);
}
