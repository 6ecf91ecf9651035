using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;
using NodeMonitor.Metrics;

namespace NodeMonitor.Http.Tests;

/// <summary>A state directory with one stored run and some metrics, served by a real Kestrel on a free loopback port.</summary>
internal sealed class ServedNode : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    public const string FailingTest = "Disk.Checks.RootHasFreeSpace";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nm-http-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public LocalStore Results { get; }
    public MetricStore Metrics { get; }
    public Uri Address { get; private set; } = new("http://127.0.0.1/");
    public HttpClient Client { get; } = new();

    public ServedNode()
    {
        Results = LocalStore.Open(_directory, RetentionPolicy.Default);
        Metrics = MetricStore.Open(_directory, MetricRetention.Default);
    }

    public void StoreRun(bool failing)
    {
        var start = Now.AddMinutes(-1);
        var tests = new List<TestCaseResult>
        {
            Test("Disk.Checks.VarIsMounted", TestOutcome.Passed, null),
            Test(FailingTest, failing ? TestOutcome.Failed : TestOutcome.Passed, failing ? "Expected: at least 10 %\n  But was: 3 %" : null),
        };
        var run = new RunResult(RunResult.NewRunId(start), "node-a", start, start.AddSeconds(2),
            [new PluginResult("disk", ["Disk.dll"], PluginStatus.Completed, null, null, null, start, TimeSpan.FromSeconds(2), tests)]);
        Results.Write(run);
        Metrics.Write(RunMetrics.From(run, [], _ => { }), start);
    }

    public void StoreHistory(TimeSpan span, TimeSpan step)
    {
        for (var t = Now - span; t <= Now; t += step)
        {
            double minute = (t - Now).TotalMinutes;
            Metrics.Write([new MetricSample("disk_free_ratio", 0.5 + 0.2 * Math.Sin(minute / 30), t, MetricKind.Gauge, "ratio",
                new Dictionary<string, string> { ["mount"] = "/" })], t);
        }
    }

    public async Task StartAsync(string? token = null, string bindAddress = "127.0.0.1", DashboardSilences? silences = null)
    {
        _app = WebView.Build(new WebViewOptions("node-a", bindAddress, 0, token) { Silences = silences }, Results, Metrics, TimeProvider.System);
        await _app.StartAsync();
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address + "/");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        Metrics.Dispose();
        Results.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private static TestCaseResult Test(string name, TestOutcome outcome, string? message) => new(
        "disk", "Disk.dll", name, "Disk.Checks", name.Split('.').Last(), outcome, null, null, Now.AddMinutes(-1),
        TimeSpan.FromMilliseconds(20), message, null, null, 1, [], []);
}
