using System.Net;
using System.Net.Sockets;

namespace NodeMonitor.Tests.Shared;

/// <summary>
/// Free TCP ports on 127.0.0.1, chosen by the kernel (bind to port 0) and released for a server to take, so two test
/// suites on one machine never reach for the same fixed port. All ports of one call are held at once, so they differ.
/// </summary>
internal static class LoopbackPorts
{
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var listener in listeners) listener.Start();
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }

    /// <summary>
    /// Runs <paramref name="start"/> with fresh ports until it succeeds, at most <paramref name="attempts"/> times: a port
    /// free when chosen can be taken by another process before the server binds it (build/services then says "taken").
    /// </summary>
    public static int[] StartOnFreePorts(int count, Action<int[]> start, int attempts = 3)
    {
        for (int attempt = 1; ; attempt++)
        {
            int[] ports = Take(count);
            try
            {
                start(ports);
                return ports;
            }
            catch (InvalidOperationException e) when (attempt < attempts && e.Message.Contains("taken", StringComparison.Ordinal))
            {
                TestContext.Progress.WriteLine($"a chosen port was taken meanwhile, choosing again: {e.Message}");
            }
        }
    }
}
