using System.Globalization;
using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>`nodemonitor serve --address`: an IPv4-mapped loopback address is served as the IPv4 address it maps, and
/// an address the host does not have is exit 3 with one line, not an unhandled exception.</summary>
[Category("Integration")]
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ServeAddressTests
{
    [Test]
    public void AnIpv4MappedLoopbackAddressIsServedOnTheIpv4LoopbackAddress()
    {
        using var ws = new Workspace();
        int port = ServeProcess.FreePort();
        using var serve = CliRun.Start(["serve", "--state", ws.State, "--address", "::ffff:127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture)]);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };

            string metrics = ServeProcess.GetWhenUp(http, "metrics", serve);

            Assert.That(serve.HasExited, Is.False, "serve is still running");
            Assert.That(metrics, Is.Not.Null);
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            serve.WaitForExit();
        }
        Assert.That(serve.StandardOutput.ReadToEnd(), Does.Contain($"on http://127.0.0.1:{port}/"));
    }

    [Test]
    public void AnAddressThisHostDoesNotHaveIsExit3WithOneLine()
    {
        using var ws = new Workspace();

        var serve = CliRun.Invoke(["serve", "--state", ws.State, "--address", "192.0.2.1", "--port", ServeProcess.FreePort().ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string> { ["NODEMONITOR_SERVE_TOKEN"] = "a-token-for-the-test" });

        Assert.That(serve.ExitCode, Is.EqualTo(3), serve.ToString());
        Assert.That(serve.Stderr.Trim(), Does.StartWith("nodemonitor: cannot run: cannot listen on 192.0.2.1:").And.Not.Contain("\n"));
    }
}
