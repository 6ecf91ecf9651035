#:project ../../src/NodeMonitor.Http/NodeMonitor.Http.csproj
#:property PublishAot=false
// Measures the local web view and the metric store (never a timed unit test):
//   1. store size after 30 simulated days of one-minute runs (3 plugins, 20 tests, the runner's own metrics
//      plus 10 plugin-recorded series), with retention applied as in normal runs;
//   2. response time of / and /metrics with 30 days of rollups for 200 series.
// Usage: dotnet run build/bench/serve-bench.cs [days]
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;
using NodeMonitor.Http;
using NodeMonitor.Metrics;

int days = args.Length > 0 ? int.Parse(args[0]) : 30;
var end = DateTimeOffset.UtcNow;
var start = end.AddDays(-days);

string dir1 = Directory.CreateTempSubdirectory("nm-bench-runs").FullName;
using (var results = LocalStore.Open(dir1, RetentionPolicy.Default))
using (var metrics = MetricStore.Open(dir1, MetricRetention.Default))
{
    var clock = Stopwatch.StartNew();
    int runs = 0;
    for (var t = start; t < end; t = t.AddMinutes(1), runs++)
    {
        var plugins = Enumerable.Range(0, 3).Select(p => new PluginResult($"plugin{p}", ["P.dll"], PluginStatus.Completed, null, null, null, t,
            TimeSpan.FromSeconds(0.8 + p * 0.1), Enumerable.Range(0, 7).Select(i => new TestCaseResult($"plugin{p}", "P.dll", $"Ns.Checks.Test{i}",
                "Ns.Checks", $"Test{i}", TestOutcome.Passed, null, null, t, TimeSpan.FromMilliseconds(5), null, null, null, 1, [],
                i < 4 && p < 3 ? [new("nodemonitor.metric", "{\"name\":\"sample_value\",\"value\":" + Random.Shared.NextDouble().ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\"labels\":{\"i\":\"" + i + "\"}}")] : [])).ToList()))
            .ToList();
        var run = new RunResult(RunResult.NewRunId(t), "bench", t, t.AddSeconds(2), plugins);
        results.Write(run);
        metrics.Write(RunMetrics.From(run, [], _ => { }), t);
    }
    long bytes = new FileInfo(results.DatabasePath).Length;
    int series = metrics.Series().Count;
    Console.WriteLine($"{runs} one-minute runs over {days} days: {series} series, store file {bytes / 1048576.0:0.0} MiB " +
                      $"({bytes / (double)series / days:0} bytes per series per day incl. results), written in {clock.Elapsed.TotalSeconds:0} s");
}

string dir2 = Directory.CreateTempSubdirectory("nm-bench-serve").FullName;
using (var results = LocalStore.Open(dir2, RetentionPolicy.Default))
using (var metrics = MetricStore.Open(dir2, MetricRetention.Default))
{
    // 200 series, one sample each per 5 minutes for 30 days: every rollup bucket and the raw window filled.
    var labels = Enumerable.Range(0, 200).Select(i => new Dictionary<string, string> { ["n"] = i.ToString() }).ToList();
    for (var t = end.AddDays(-30); t <= end; t = t.AddMinutes(5))
        metrics.Write(labels.Select((l, i) => new MetricSample($"bench_metric_{i % 20}", Math.Sin(t.ToUnixTimeSeconds() / 3600.0 + i), t, Labels: l)).ToList(), t);
    Console.WriteLine($"200 series, 30 days at 5-minute samples: store {metrics.UsedBytes() / 1048576.0:0.0} MiB in use");

    await using var app = WebView.Build(new WebViewOptions("bench", "127.0.0.1", 0, null), results, metrics, TimeProvider.System);
    await app.StartAsync();
    var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    using var client = new HttpClient();
    foreach (var path in new[] { "/?window=1h", "/?window=24h", "/?window=30d", "/metrics" })
    {
        await client.GetStringAsync(new Uri(address, path));
        var times = new List<double>();
        int size = 0;
        for (int i = 0; i < 10; i++)
        {
            var sw = Stopwatch.StartNew();
            size = (await client.GetStringAsync(new Uri(address, path))).Length;
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"GET {path,-14} median {times[5],7:0.0} ms, max {times[^1],7:0.0} ms, {size / 1024.0:0} KiB");
    }
}
Directory.Delete(dir1, true);
Directory.Delete(dir2, true);
