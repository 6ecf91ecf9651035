using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Storage;
using NodeMonitor.Swift;

namespace NodeMonitor.Etcd.Tests;

/// <summary>
/// Nothing lost, never hung: Swift stopped during a real `nodemonitor run` (the published CLI), and etcd or Swift
/// replaced by a port that accepts connections and never answers. The "etcd stopped, then started" case is in
/// <see cref="CentralReportingAgainstRealServersTests"/>.
/// </summary>
[NonParallelizable]
[Category("Integration")]
public sealed class CentralOutageTests
{
    /// <summary>Far beyond every budget below: reaching it means reporting hangs, and the test fails instead of CI.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(90);

    private string _dir = "";
    private string _node = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("nm-outage-").FullName;
        _node = "outage-" + Guid.NewGuid().ToString("N")[..6];
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task ARunWhileSwiftIsStoppedEndsWithItsTestVerdictAndTheNextRunDeliversBundleAndKey()
    {
        string config = WriteRunConfig();
        CliResult whileDown;
        RealServices.Script("swift.sh", "stop");
        try
        {
            whileDown = RunCli(config);
        }
        finally
        {
            RealServices.Script("swift.sh", "start");
        }
        var spooled = SpoolStatus();

        var afterRestart = RunCli(config);

        Assert.That(whileDown.ExitCode, Is.EqualTo(1), $"the mixed fixture has failing tests\n{whileDown}");
        Assert.That(whileDown.Stderr, Does.Contain("central report not delivered").And.Contain("Swift"));
        Assert.That(spooled.Pending, Is.EqualTo(1));
        Assert.That(afterRestart.ExitCode, Is.EqualTo(1), afterRestart.ToString());
        Assert.That(afterRestart.Stderr, Does.Not.Contain("central report not delivered"));
        Assert.That(SpoolStatus().Pending, Is.Zero);
        var settings = EtcdSettingsForTest();
        using var etcd = EtcdConnection.Create(settings);
        var record = FailureRecord.FromJson(await etcd.GetValAsync(settings.FailureKey(_node), deadline: DateTime.UtcNow.AddSeconds(5)));
        Assert.That(record, Is.Not.Null, "the spooled failure reached etcd");
        Assert.That(record!.FailingTests, Does.Contain("mixed: Fixtures.Mixed.MixedChecks.FailsWithAssert"));
        var swiftSettings = SwiftSettingsForTest(RealServices.SwiftAuthUrl);
        using var swift = new SwiftClient(swiftSettings);
        var head = await swift.SendAsync(RestSharp.Method.Head, $"{swiftSettings.Container}/{_node}/failures/{record.RunId}/TestResult.xml",
            null, DateTime.UtcNow.AddSeconds(5), default);
        Assert.That((int)head.StatusCode, Is.EqualTo(200), "the bundle of the run made while Swift was down");
    }

    [Test]
    public void ARunAgainstAnEtcdThatNeverAnswersEndsWithItsTestVerdictAndSpoolsTheReport()
    {
        using var blackHole = new BlackHole();
        string config = WriteRunConfig(etcdEndpoint: $"http://127.0.0.1:{blackHole.Port}", withSwift: false);

        var run = RunCli(config); // bounded: a hang fails here

        Assert.That(run.ExitCode, Is.EqualTo(1), $"the mixed fixture has failing tests\n{run}");
        Assert.That(run.Stderr, Does.Contain("central report not delivered").And.Contain("no answer before the deadline"));
        Assert.That(blackHole.Accepted, Is.GreaterThan(0), "the run reached the black hole");
        Assert.That(SpoolStatus().Pending, Is.EqualTo(1));
    }

    [Test]
    public async Task AnEtcdThatAcceptsAndNeverAnswersCostsTheDeadlineAndTheReportIsSpooled()
    {
        using var blackHole = new BlackHole();
        var settings = new EtcdSettings([$"http://127.0.0.1:{blackHole.Port}"]) { Prefix = "/nm-outage/" };
        using var client = EtcdConnection.Create(settings);

        var (outcome, outbox) = await ReportFailingRunAsync(null, new EtcdFailureRecords(client, settings));

        using (outbox)
        {
            Assert.That(blackHole.Accepted, Is.GreaterThan(0), "the client reached the black hole");
            Assert.That(outcome.Error, Does.StartWith("etcd").And.Contain("deadline"));
            Assert.That(outcome.Pending, Is.EqualTo(1));
            Assert.That(outbox.Status().LastError, Is.EqualTo(outcome.Error));
        }
    }

    [Test]
    public async Task ASwiftAuthUrlThatAcceptsAndNeverAnswersCostsTheDeadlineAndTheReportIsSpooled()
    {
        using var blackHole = new BlackHole();
        var swiftSettings = SwiftSettingsForTest($"http://127.0.0.1:{blackHole.Port}/auth/v1.0");
        using var swift = new SwiftClient(swiftSettings);
        var etcdSettings = EtcdSettingsForTest();
        using var etcd = EtcdConnection.Create(etcdSettings);

        var (outcome, outbox) = await ReportFailingRunAsync(new SwiftBundleStore(swift, swiftSettings), new EtcdFailureRecords(etcd, etcdSettings));

        using (outbox)
        {
            Assert.That(blackHole.Accepted, Is.GreaterThan(0), "the client reached the black hole");
            Assert.That(outcome.Error, Does.StartWith("Swift authentication").And.Contain("no answer within"));
            Assert.That(outcome.Pending, Is.EqualTo(1));
            Assert.That(await etcd.GetValAsync(etcdSettings.FailureKey(_node), deadline: DateTime.UtcNow.AddSeconds(5)), Is.Empty,
                "no record points at a bundle that was not uploaded");
        }
    }

    /// <summary>Reports one failing run with a 1 s call deadline and a 3 s budget, failing the test if it has not
    /// returned long after that.</summary>
    private async Task<(CentralReportOutcome Outcome, CentralOutbox Outbox)> ReportFailingRunAsync(IFailureBundleStore? bundles,
        IFailureRecordStore? records)
    {
        string state = Path.Combine(_dir, "state");
        using var store = LocalStore.Open(state, RetentionPolicy.Default);
        var outbox = CentralOutbox.Open(state);
        var reporter = new CentralReporter(_node, outbox, bundles, records, new ReportSettings { Budget = TimeSpan.FromSeconds(3) },
            TimeSpan.FromSeconds(1));
        var run = Runs.Make(_node, ["Net.Gateway"]);
        store.Write(run);
        using var guard = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();

        var reporting = reporter.ReportAsync(run, store.CurrentStates(), _ => 0, guard.Token);
        var first = await Task.WhenAny(reporting, Task.Delay(HangGuard));
        TestContext.Out.WriteLine($"reporting returned after {clock.Elapsed.TotalSeconds:0.00} s: {(first == reporting ? reporting.Result.Error : "still running")}");

        if (first != reporting)
        {
            guard.Cancel();
            Assert.Fail($"reporting was still running {HangGuard.TotalSeconds} s after a 3 s budget: it hangs");
        }
        return (await reporting, outbox);
    }

    private DeliveryStatus SpoolStatus()
    {
        using var outbox = CentralOutbox.Open(Path.Combine(_dir, "state"));
        return outbox.Status();
    }

    private EtcdSettings EtcdSettingsForTest() => new([RealServices.EtcdUrl]) { Prefix = "/nm-outage/", Deadline = TimeSpan.FromSeconds(2) };

    private static SwiftSettings SwiftSettingsForTest(string authUrl) =>
        new(authUrl, "test:tester", "testing") { Container = "nm-outage-tests", Deadline = TimeSpan.FromSeconds(1) };

    /// <summary>nodemonitor.json for a plugin root holding the mixed fixture (failing tests, so `run` exits 1).</summary>
    private string WriteRunConfig(string? etcdEndpoint = null, bool withSwift = true)
    {
        string root = Path.Combine(_dir, "plugins");
        PublishedCli.CopyFixture("mixed", root);
        string file = Path.Combine(_dir, "nodemonitor.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new
        {
            node = _node,
            pluginRoot = root,
            stateDirectory = Path.Combine(_dir, "state"),
            etcd = new { endpoints = new[] { etcdEndpoint ?? RealServices.EtcdUrl }, prefix = "/nm-outage/", deadlineSeconds = 2 },
            swift = withSwift
                ? new { authUrl = RealServices.SwiftAuthUrl, user = "test:tester", key = "testing", container = "nm-outage-tests", deadlineSeconds = 2 }
                : null,
            report = new { budgetSeconds = 10 },
        }, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }));
        return file;
    }

    private static CliResult RunCli(string config) => PublishedCli.Run("run", "--config", config);

    /// <summary>A TCP port on loopback that accepts every connection and never sends a byte: a hung server.</summary>
    private sealed class BlackHole : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _held = [];
        private readonly CancellationTokenSource _stop = new();
        private int _accepted;

        public BlackHole()
        {
            _listener.Start();
            _ = AcceptForeverAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Accepted => Volatile.Read(ref _accepted);

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_held) foreach (var client in _held) client.Dispose();
            _stop.Dispose();
        }

        private async Task AcceptForeverAsync()
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    lock (_held) _held.Add(client); // held open, never read from or written to
                    Interlocked.Increment(ref _accepted);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // stopped
            }
        }
    }
}
