using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NodeMonitor.EndToEnd.Tests.Support;

/// <summary>Helpers for tests that start `nodemonitor serve`: a free port, and waiting until it answers.</summary>
internal static class ServeProcess
{
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>GETs <paramref name="path"/> once the server listens (at most a minute, less if it exits).</summary>
    public static string GetWhenUp(HttpClient http, string path, Process serve)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return http.GetStringAsync(path).GetAwaiter().GetResult();
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !serve.HasExited)
            {
                Thread.Sleep(100);
            }
        }
    }
}
