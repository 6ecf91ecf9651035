using System.IO.Compression;
using System.Text.Json;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Storage;
using NodeMonitor.Swift;
using RestSharp;

namespace NodeMonitor.Etcd.Tests;

/// <summary>The sync of run summaries against the real Swift: what lands in the container, and the requests it costs,
/// counted in the proxy's log.</summary>
[NonParallelizable]
[Category("Integration")]
public sealed class PassedResultSyncTests
{
    private const int RunsPerDay = 144; // one run every ten minutes
    private string _state = "";
    private string _node = "";
    private LocalStore _store = null!;
    private SyncLedger _ledger = null!;
    private SwiftSettings _settings = null!;
    private SwiftClient _swift = null!;

    [SetUp]
    public async Task SetUp()
    {
        _state = Path.Combine(Path.GetTempPath(), "nm-sync-" + Guid.NewGuid().ToString("N")[..8]);
        _node = "sync-" + Guid.NewGuid().ToString("N")[..6];
        _store = LocalStore.Open(_state, RetentionPolicy.Default);
        _ledger = SyncLedger.Open(_state);
        _settings = new SwiftSettings(RealServices.SwiftAuthUrl, "test:tester", "testing")
        {
            Container = "nm-sync-tests",
            DeleteAfter = TimeSpan.FromDays(30),
        };
        _swift = new SwiftClient(_settings);
        // The container exists and the token is cached before anything is counted.
        await _swift.EnsureContainerAsync(Soon(), default);
    }

    [TearDown]
    public void TearDown()
    {
        RealServices.Script("swift.sh", "start");
        _swift.Dispose();
        _ledger.Dispose();
        _store.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    [Test]
    public async Task ADayOfPassingRunsBecomesOneExpiringObjectWithOneLinePerRun()
    {
        var runIds = StorePassingRuns(RunsPerDay);
        int before = ObjectPuts();

        var outcome = await SyncAsync();

        Assert.That(outcome.Error, Is.Null);
        Assert.That((outcome.Objects, outcome.Runs), Is.EqualTo((1, RunsPerDay)));
        Assert.That(await ObjectPutsAfterAsync(), Is.EqualTo(before + 1));
        string name = _ledger.Status().LastObject!;
        Assert.That(name, Does.Match($"^{_node}/passed/\\d{{4}}-\\d{{2}}-\\d{{2}}/{runIds[0]}_{runIds[^1]}\\.jsonl\\.gz$"));

        var download = await _swift.SendAsync(Method.Get, $"{_settings.Container}/{name}", null, Soon(), default);
        Assert.That((int)download.StatusCode, Is.EqualTo(200));
        Assert.That(download.RawBytes!.Length, Is.EqualTo(outcome.Bytes));
        var lines = Gunzip(download.RawBytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("runId").GetString()), Is.EqualTo(runIds));
        Assert.That(lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("passed").GetBoolean()), Is.All.True);

        var head = await _swift.SendAsync(Method.Head, $"{_settings.Container}/{name}", null, Soon(), default);
        long deleteAt = long.Parse(Header(head, "X-Delete-At")!);
        var expires = DateTimeOffset.FromUnixTimeSeconds(deleteAt);
        Assert.That(expires, Is.EqualTo(DateTimeOffset.UtcNow + _settings.DeleteAfter).Within(TimeSpan.FromMinutes(5)));
        Assert.That(download.ContentType, Is.EqualTo("application/gzip"));
        TestContext.Out.WriteLine($"{RunsPerDay} passing runs (1 plugin of 3 tests): {outcome.Bytes} bytes in {name}");
    }

    [Test]
    public async Task ASecondSyncWithNothingNewSendsNoRequest()
    {
        StorePassingRuns(3);
        await SyncAsync();
        int before = await AllRequestsAfterAsync();

        var second = await SyncAsync();

        Assert.That(second, Is.EqualTo(new SyncOutcome(0, 0, 0, null)));
        Assert.That(await AllRequestsAfterAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task WithSwiftStoppedTheSyncFailsCleanlyMarksNothingAndTheNextSyncUploadsEverything()
    {
        var runIds = StorePassingRuns(5);
        RealServices.Script("swift.sh", "stop");

        var failed = await SyncAsync();

        Assert.That(failed.Error, Does.StartWith("Swift"));
        Assert.That(failed.Objects, Is.Zero);
        var status = _ledger.Status();
        Assert.That(status.Unsynced, Is.EqualTo(5));
        Assert.That(status.LastError, Is.EqualTo(failed.Error));
        Assert.That(status.LastSyncAt, Is.Null);

        RealServices.Script("swift.sh", "start");
        _swift.Dispose();
        _swift = new SwiftClient(_settings);
        var retried = await SyncAsync();

        Assert.That(retried.Error, Is.Null);
        Assert.That(retried.Runs, Is.EqualTo(5));
        Assert.That(_ledger.Status().Unsynced, Is.Zero);
        Assert.That(_ledger.Status().LastError, Is.Null);
        var download = await _swift.SendAsync(Method.Get, $"{_settings.Container}/{_ledger.Status().LastObject}", null, Soon(), default);
        Assert.That(Gunzip(download.RawBytes!).Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(runIds.Count));
    }

    [Test]
    public async Task TheSyncVerbUploadsTheStoredRunsAndASecondSyncHasNothingToDo()
    {
        StorePassingRuns(4);
        string config = Path.Combine(_state, "nodemonitor.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            swift = new { authUrl = RealServices.SwiftAuthUrl, user = "test:tester", key = "testing", container = _settings.Container },
        }));
        string[] args = ["sync", "--config", config, "--state", _state, "--node", _node];

        var first = Cli(args);
        int requestsAfterFirst = await AllRequestsAfterAsync();
        var second = Cli(args);

        Assert.That(first.ExitCode, Is.EqualTo(0), first.Output);
        Assert.That(first.Output, Does.Match($"uploaded {_settings.Container}/{_node}/passed/\\S+\\.jsonl\\.gz: 4 runs,"));
        Assert.That(first.Output, Does.Contain("Synced 4 runs in 1 object"));
        Assert.That(_ledger.Status().Unsynced, Is.Zero);
        Assert.That(second.ExitCode, Is.EqualTo(0), second.Output);
        Assert.That(second.Output, Does.Contain("Nothing to sync"));
        Assert.That(await AllRequestsAfterAsync(), Is.EqualTo(requestsAfterFirst), "nothing to sync sends nothing, not even authentication");
    }

    [TestCase(0.0001, true)]
    [TestCase(6, false)]
    public async Task ARunSyncsByItselfOnlyOnceTheSyncIntervalHasPassed(double syncHours, bool expectSync)
    {
        StorePassingRuns(1); // an hour old: older than a tiny interval, younger than six hours
        string config = Path.Combine(_state, "nodemonitor.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            swift = new { authUrl = RealServices.SwiftAuthUrl, user = "test:tester", key = "testing", container = _settings.Container },
            report = new { syncHours },
        }));
        string root = PluginRootWith("nunit4");
        int putsBefore = ObjectPuts();

        var run = Cli("run", "--config", config, "--root", root, "--state", _state, "--node", _node);

        Assert.That(run.Output, Does.Not.Contain("not synced"), run.Output);
        Assert.That(_ledger.Status().Unsynced, Is.EqualTo(expectSync ? 0 : 2), run.Output);
        Assert.That(await ObjectPutsAfterAsync(), Is.EqualTo(putsBefore + (expectSync ? 1 : 0)));
    }

    private Task<SyncOutcome> SyncAsync() =>
        new PassedResultsSync(_node, _ledger, new SwiftPassedResultsStore(_swift, _settings), TimeSpan.FromSeconds(5))
            .SyncAsync(Soon(30), null, default);

    private List<string> StorePassingRuns(int count)
    {
        var ids = new List<string>();
        for (int i = 0; i < count; i++)
        {
            var run = Runs.Make(_node, failing: []);
            _store.Write(run);
            ids.Add(run.RunId);
        }
        return ids;
    }

    /// <summary>PUTs of this node's synced objects the proxy has logged.</summary>
    private int ObjectPuts() => File.Exists(RealServices.ProxyLog)
        ? File.ReadLines(RealServices.ProxyLog).Count(l => l.StartsWith("proxy-server: 127.0.0.1 127.0.0.1 ", StringComparison.Ordinal)
                                                         && l.Contains($" PUT /v1/AUTH_test/{_settings.Container}/{_node}/passed/", StringComparison.Ordinal))
        : 0;

    private async Task<int> ObjectPutsAfterAsync()
    {
        await Task.Delay(300); // the proxy writes its access line just after answering
        return ObjectPuts();
    }

    private static async Task<int> AllRequestsAfterAsync()
    {
        await Task.Delay(300);
        return RealServices.SwiftRequests();
    }

    /// <summary>A plugin root holding a copy of one published fixture.</summary>
    private string PluginRootWith(string fixture)
    {
        string from = Path.Combine(RealServices.Root, "artifacts", "fixtures", fixture);
        if (!Directory.Exists(from)) Assert.Fail($"{from} is missing: run build/build.sh first");
        string to = Path.Combine(_state, "plugins", fixture);
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        return Path.GetDirectoryName(to)!;
    }

    private static (int ExitCode, string Output) Cli(params string[] args)
    {
        string cli = Path.Combine(RealServices.Root, "artifacts", "bin", "nodemonitor");
        if (!File.Exists(cli)) Assert.Fail($"{cli} is missing: run build/build.sh first");
        var start = new System.Diagnostics.ProcessStartInfo(cli) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("NODEMONITOR_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1))) process.Kill(entireProcessTree: true);
        return (process.ExitCode, stdout.Result + stderr);
    }

    private static string Gunzip(byte[] content)
    {
        using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }

    private static string? Header(RestResponse response, string name) =>
        response.Headers?.Concat(response.ContentHeaders ?? []).FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value?.ToString();

    private static DateTime Soon(int seconds = 5) => DateTime.UtcNow.AddSeconds(seconds);
}
