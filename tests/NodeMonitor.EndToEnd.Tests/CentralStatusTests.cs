using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>`nodemonitor status` after runs whose central reports could not be delivered: etcd's endpoint is a closed
/// port, so the failure report stays spooled and the heartbeat fails; status says so from the local store alone.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
[Category("Integration")]
public class CentralStatusTests
{
    [Test]
    public void StatusShowsThePendingReportTheLastErrorAndTheFailedHeartbeat()
    {
        using var ws = new Workspace("mixed");
        string config = WriteConfig(ws);

        var run = CliRun.Invoke(ws.RunArgs("--config", config));
        var status = CliRun.Invoke("status", "--config", config, "--state", ws.State);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stderr, Does.Contain("central report not delivered (1 waiting"), run.ToString());
        Assert.That(status.Stdout, Does.Contain("Central (etcd):"), status.ToString());
        Assert.That(status.Stdout, Does.Match(@"reports\s+PENDING 1 waiting since"), status.ToString());
        Assert.That(status.Stdout, Does.Contain("last error").And.Contain("etcd write /nodemonitor/failures/"), status.ToString());
        Assert.That(status.Stdout, Does.Match(@"heartbeat\s+not written yet"), status.ToString());
        Assert.That(status.Stdout, Does.Contain("etcd heartbeat /nodemonitor/nodes/"), status.ToString());
    }

    [Test]
    public void StatusAsJsonCarriesTheCentralPart()
    {
        using var ws = new Workspace("mixed");
        string config = WriteConfig(ws);
        CliRun.Invoke(ws.RunArgs("--config", config));

        var status = CliRun.Invoke("status", "--config", config, "--state", ws.State, "--format", "json");
        using var json = JsonDocument.Parse(status.Stdout);
        var central = json.RootElement.GetProperty("central");

        Assert.That(central.GetProperty("etcd").GetBoolean(), Is.True);
        Assert.That(central.GetProperty("delivery").GetProperty("state").GetString(), Is.EqualTo("Pending"));
        Assert.That(central.GetProperty("delivery").GetProperty("pending").GetInt32(), Is.EqualTo(1));
        Assert.That(central.GetProperty("delivery").GetProperty("lastError").GetString(), Does.StartWith("etcd write"));
        Assert.That(central.GetProperty("heartbeat").GetProperty("lastError").GetString(), Does.StartWith("etcd heartbeat"));
        Assert.That(central.GetProperty("failureBundle").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public void WithoutEtcdOrSwiftStatusHasNoCentralPart()
    {
        using var ws = new Workspace("mixed");
        CliRun.Invoke(ws.RunArgs());

        var status = CliRun.Invoke("status", "--state", ws.State);

        Assert.That(status.Stdout, Does.Not.Contain("Central"), status.ToString());
    }

    private static string WriteConfig(Workspace ws)
    {
        string config = ws.File("nm.json");
        File.WriteAllText(config, $$"""
            {
              "etcd": { "endpoints": ["http://127.0.0.1:{{ClosedPort()}}"], "deadlineSeconds": 1 },
              "report": { "budgetSeconds": 5 }
            }
            """);
        return config;
    }

    /// <summary>A loopback port nothing listens on: bound, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
