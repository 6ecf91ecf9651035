using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.Etcd.Tests;

/// <summary>
/// The published CLI's run pipeline under faults, against the real etcd and Swift: a full disk still reports a failing
/// run, each plugin is judged with its own retries and an uninstalled one retires, a heartbeat stamped in the future is
/// written again, a refused etcd is known at once, and a spooled report reuses the bundle already uploaded.
/// </summary>
[NonParallelizable]
[Category("Integration")]
public sealed class PipelineFaultTests
{
    private const string Prefix = "/nm-pipeline/";
    private string _dir = "";
    private string _node = "";
    private EtcdSettings _etcd = null!;

    private string PluginRoot => Path.Combine(_dir, "plugins");

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("nm-pipeline-").FullName;
        _node = "pipeline-" + Guid.NewGuid().ToString("N")[..6];
        _etcd = new EtcdSettings([RealServices.EtcdUrl]) { Prefix = Prefix, Deadline = TimeSpan.FromSeconds(3) };
        Directory.CreateDirectory(PluginRoot);
    }

    [TearDown]
    public void TearDown()
    {
        RealServices.StartEtcd();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task AFailingRunOnAFullDiskIsStillReportedCentrallyAndExitsThree()
    {
        using var disk = new SmallDisk(Path.Combine(_dir, "disk"), "2m");
        PublishedCli.CopyFixture("nunit5", PluginRoot);
        string config = WriteConfig(state: Path.Combine(disk.Path, "state"));
        Run(config).AssertExit(0, "a passing first run");
        disk.Fill();
        PublishedCli.CopyFixture("mixed", PluginRoot);

        var full = Run(config);

        full.AssertExit(3, "the run cannot be stored");
        Assert.That(full.Stdout, Does.Not.Contain("PASSED"));
        var record = await RecordAsync();
        Assert.That(record, Is.Not.Null, "the failing run reached etcd although neither store nor spool could be written");
        Assert.That(record!.FailingTests, Does.Contain("mixed: Fixtures.Mixed.MixedChecks.FailsWithAssert"));
        Assert.That(record.PluginErrors, Has.Some.StartsWith("nodemonitor: the local store could not keep this run"));
        Assert.That(record.ObjectUrl, Does.Contain(record.RunId), "the bundle was uploaded directly too");
    }

    [Test]
    public async Task EveryPluginIsJudgedWithItsOwnRetriesAndAnUninstalledPluginRetires()
    {
        PublishedCli.CopyFixture("nunit5", PluginRoot);
        string flap = PublishedCli.CopyFixture("mixed", PluginRoot, "flap");
        File.WriteAllText(Path.Combine(flap, "plugin.json"), """{ "retries": 2 }""");
        string config = WriteConfig();

        Run(config, "--plugin", "flap").AssertExit(1, "flap fails (soft: 1 of 3)");
        Run(config, "--plugin", "nunit5").AssertExit(0, "the other plugin passes");
        Assert.That(await RecordAsync(), Is.Null, "flap's soft failure is judged with its own retries, not the planned plugins'");

        Run(config, "--plugin", "flap").AssertExit(1, "flap fails (2 of 3)");
        Run(config, "--plugin", "flap").AssertExit(1, "flap fails (hard)");
        Assert.That((await RecordAsync())?.FailingTests, Does.Contain("flap: Fixtures.Mixed.MixedChecks.FailsWithAssert"));

        Directory.Delete(flap, recursive: true);
        Run(config).AssertExit(0, "flap is no longer installed");

        Assert.That(await RecordAsync(), Is.Null, "the key is corrected by the next run");
        var history = PublishedCli.Run("history", "--config", config, "--plugin", "flap");
        Assert.That(history.Stdout, Does.Contain("no longer installed"), history.ToString());
    }

    [Test]
    public async Task AHeartbeatStampedInTheFutureIsDueSoTheNextRunWritesIt()
    {
        PublishedCli.CopyFixture("nunit5", PluginRoot);
        string config = WriteConfig(heartbeatMinutes: 10);
        Run(config).AssertExit(0, "the first run writes the heartbeat");
        using var client = EtcdConnection.Create(_etcd);
        await client.DeleteAsync(_etcd.NodeKey(_node), deadline: DateTime.UtcNow.AddSeconds(5));
        // The clock was a day ahead when it was written, and has been stepped back since.
        using (var db = new SqliteConnection($"Data Source={Path.Combine(_dir, "state", "nodemonitor.db")};Pooling=false"))
        {
            db.Open();
            using var ahead = db.CreateCommand();
            ahead.CommandText = "UPDATE central_heartbeat SET written_at = written_at + 86400000;";
            Assert.That(ahead.ExecuteNonQuery(), Is.EqualTo(1));
        }

        Run(config).AssertExit(0, "the second run");

        Assert.That(await client.GetValAsync(_etcd.NodeKey(_node), deadline: DateTime.UtcNow.AddSeconds(5)), Does.Contain(_node));
    }

    [Test]
    public void AnEtcdThatRefusesConnectionsIsKnownWithoutWaitingForTheDeadline()
    {
        PublishedCli.CopyFixture("mixed", PluginRoot);
        string config = WriteConfig(etcdEndpoint: $"http://127.0.0.1:{ClosedPort()}", withSwift: false, etcdDeadlineSeconds: 20);
        var clock = Stopwatch.StartNew();

        var run = Run(config);

        TestContext.Out.WriteLine($"run with a refusing etcd took {clock.Elapsed.TotalSeconds:0.00} s (deadline 20 s)");
        run.AssertExit(1, "the mixed fixture fails");
        Assert.That(run.Stderr, Does.Contain("central report not delivered").And.Contain("refused"));
        Assert.That(run.Stderr, Does.Not.Contain("no answer before the deadline"), "a refusal is not a black hole");
    }

    [Test]
    public async Task ASpooledReportReusesTheBundleAlreadyUploadedForItsRun()
    {
        PublishedCli.CopyFixture("mixed", PluginRoot);
        string config = WriteConfig();
        RealServices.StopEtcd();
        CliResult whileDown;
        try
        {
            whileDown = Run(config);
        }
        finally
        {
            RealServices.StartEtcd();
        }
        Assert.That(whileDown.Stderr, Does.Contain("central report not delivered"), whileDown.ToString());
        await Task.Delay(300); // the proxy writes its access line just after answering
        int swiftBefore = RealServices.SwiftRequests();

        Run(config).AssertExit(1, "the same failure, etcd back");

        await Task.Delay(300);
        var record = await RecordAsync();
        Assert.That(record, Is.Not.Null, "the spooled report reached etcd");
        Assert.That(RealServices.SwiftRequests() - swiftBefore, Is.Zero, "the bundle of the spooled report was uploaded already");
        Assert.That(record!.ObjectUrl, Does.Contain(record.RunId));
    }

    private CliResult Run(string config, params string[] args) => PublishedCli.Run(["run", "--config", config, .. args]);

    private async Task<FailureRecord?> RecordAsync()
    {
        using var client = EtcdConnection.Create(_etcd);
        string json = await client.GetValAsync(_etcd.FailureKey(_node), deadline: DateTime.UtcNow.AddSeconds(5));
        return string.IsNullOrEmpty(json) ? null : FailureRecord.FromJson(json);
    }

    private string WriteConfig(string? state = null, string? etcdEndpoint = null, bool withSwift = true, int heartbeatMinutes = 0,
        double etcdDeadlineSeconds = 3)
    {
        string file = Path.Combine(_dir, "nodemonitor.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new
        {
            node = _node,
            pluginRoot = PluginRoot,
            stateDirectory = state ?? Path.Combine(_dir, "state"),
            etcd = new { endpoints = new[] { etcdEndpoint ?? RealServices.EtcdUrl }, prefix = Prefix, deadlineSeconds = etcdDeadlineSeconds },
            swift = withSwift
                ? new { authUrl = RealServices.SwiftAuthUrl, user = "test:tester", key = "testing", container = "nm-pipeline-tests", deadlineSeconds = 3 }
                : null,
            report = new { budgetSeconds = 30, heartbeatMinutes },
        }, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }));
        return file;
    }

    /// <summary>A loopback port nothing listens on: connecting is refused at once.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
