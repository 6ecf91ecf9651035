using System.Net;
using System.Net.Sockets;
using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>build/screenshot.sh never photographs another server: a port it is told to use that is taken is a clear
/// failure; without one it serves on a free port of its own.</summary>
[Category("Integration")]
public sealed class ScreenshotScriptTests
{
    private static string Script => Path.Combine(Repo.Root, "build", "screenshot.sh");

    [Test]
    public void ANamedPortTakenByAnotherServerIsAClearFailure()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        int port = ((IPEndPoint)other.LocalEndpoint).Port;
        string png = Path.Combine(Path.GetTempPath(), $"nm-shot-{Guid.NewGuid():N}.png");

        var run = ChildProcess.Run(Script, [png], environment: new Dictionary<string, string> { ["NODEMONITOR_SCREENSHOT_PORT"] = $"{port}" });

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stderr, Does.Contain($"port {port} is taken by another server"), run.ToString());
        Assert.That(File.Exists(png), Is.False, "no picture of the other server");
    }

    [Test]
    public void WithoutANamedPortItServesOnAFreeOne()
    {
        string png = Path.Combine(Path.GetTempPath(), $"nm-shot-{Guid.NewGuid():N}.png");
        try
        {
            var run = ChildProcess.Run(Script, [png], environment: new Dictionary<string, string> { ["NODEMONITOR_SCREENSHOT_PORT"] = "" });

            Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
            Assert.That(run.Stdout, Does.Match(@"wrote .* \(served on port \d+\)"));
            Assert.That(new FileInfo(png).Length, Is.GreaterThan(10_000), "a rendered dashboard");
        }
        finally
        {
            File.Delete(png);
        }
    }
}
