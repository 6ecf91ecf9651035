using System.Text.Json;
using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>
/// Samples recorded inside a plugin (fixture MetricRecorder, NodeMonitor.Checks' Metric API) and Nagios perfdata
/// (fixture nrpe-perfdata) reach the node's metric store through a real `nodemonitor run`, and read back with their
/// value, unit, kind and labels from `nodemonitor metrics`, /api/v1/metrics and /metrics.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
[Category("Integration")]
public class MetricRecordingTests
{
    [Test]
    public void AMetricRecordedInAPluginTestIsStoredWithItsValueUnitAndLabels()
    {
        using var ws = new Workspace("metricrecorder");
        var run = CliRun.Invoke(ws.RunArgs());
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());

        var gauge = Series(ws, "fixture_queue_depth").Single();
        var counter = Series(ws, "fixture_messages_total").Single();

        Assert.Multiple(() =>
        {
            Assert.That(gauge.GetProperty("lastValue").GetDouble(), Is.EqualTo(42.5));
            Assert.That(gauge.GetProperty("unit").GetString(), Is.EqualTo("items"));
            Assert.That(gauge.GetProperty("kind").GetString(), Is.EqualTo("Gauge"));
            Assert.That(Labels(gauge), Is.EquivalentTo(new Dictionary<string, string>
            {
                ["plugin"] = "metricrecorder", ["queue"] = "inbound", ["test"] = "Fixtures.MetricRecorder.QueueChecks.QueueIsShort",
            }));
            Assert.That((counter.GetProperty("lastValue").GetDouble(), counter.GetProperty("kind").GetString()), Is.EqualTo((3.0, "Counter")));
        });
    }

    [Test]
    public void NagiosPerfDataIsStoredAsSeriesNamedAfterItsLabelsWithNormalisedUnits()
    {
        using var ws = new Workspace("nrpe-perfdata");
        var run = CliRun.Invoke(ws.RunArgs());
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());

        var response = Series(ws, "nagios_response_time_seconds").Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.GetProperty("lastValue").GetDouble(), Is.EqualTo(0.25));
            Assert.That(response.GetProperty("unit").GetString(), Is.EqualTo("seconds"));
            Assert.That(Labels(response), Is.EquivalentTo(new Dictionary<string, string>
            {
                ["command"] = "app_stats", ["label"] = "response time", ["plugin"] = "nrpe-perfdata", ["test"] = "nagios.nrpe-perfdata.app_stats",
            }));
            Assert.That(Series(ws, "nagios_queue").Single().GetProperty("lastValue").GetDouble(), Is.EqualTo(7));
            var cache = Series(ws, "nagios_cache_bytes").Single();
            Assert.That((cache.GetProperty("lastValue").GetDouble(), cache.GetProperty("unit").GetString()), Is.EqualTo((2.0 * 1024 * 1024, "bytes")));
            var sent = Series(ws, "nagios_sent_total").Single();
            Assert.That((sent.GetProperty("lastValue").GetDouble(), sent.GetProperty("kind").GetString()), Is.EqualTo((12345.0, "Counter")));
            // Debian's check_load (monitoring-plugins-basic), the real thing.
            Assert.That(Labels(Series(ws, "nagios_load1").Single())["command"], Is.EqualTo("load"));
        });
    }

    [Test]
    public void ANagiosCounterKeepsThePluginsTotalAcrossRuns()
    {
        using var ws = new Workspace("nrpe-perfdata");
        for (int i = 0; i < 2; i++)
        {
            var run = CliRun.Invoke(ws.RunArgs("--where", "name == app_stats"));
            Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        }

        Assert.That(Series(ws, "nagios_sent_total").Single().GetProperty("lastValue").GetDouble(), Is.EqualTo(12345.0));
    }

    [Test]
    public void PerfDataAndPluginMetricsAreServedOnTheApiAndOnPromtoolCleanMetrics()
    {
        using var ws = new Workspace("nrpe-perfdata", "metricrecorder");
        var run = CliRun.Invoke(ws.RunArgs());
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());

        var (metrics, api) = Served(ws, "api/v1/metrics?name=nagios_response_time_seconds&from=0");

        Assert.That(metrics, Does.Contain("nagios_response_time_seconds{command=\"app_stats\",label=\"response time\",plugin=\"nrpe-perfdata\",test=\"nagios.nrpe-perfdata.app_stats\"} 0.25"));
        Assert.That(metrics, Does.Contain("# TYPE nagios_sent_total counter").And.Contain("fixture_queue_depth{"));
        using var json = JsonDocument.Parse(api);
        var point = json.RootElement.EnumerateArray().Single().GetProperty("points").EnumerateArray().Last();
        Assert.That(point.GetProperty("avg").GetDouble(), Is.EqualTo(0.25));
        AssertPromtoolClean(metrics);
    }

    [Test]
    public void SamplesAPluginRecordsUnderNodeMonitorsOwnNamesAreDroppedWithAWarningNamingTheTest()
    {
        using var ws = new Workspace();
        File.WriteAllText(Path.Combine(ws.AddFixture("impostor"), "plugin.json"), """{ "where": "cat == spoof" }""");

        var run = CliRun.Invoke(ws.RunArgs());
        var (metrics, _) = Served(ws, "api/v1/status");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Stderr, Does.Contain(
            "warning: impostor: Fixtures.Impostor.ImpostorChecks.RecordsNodeMonitorsOwnMetrics: dropped metric nodemonitor_run_success: names starting with nodemonitor_ are reserved"));
        Assert.That(run.Stderr, Does.Contain("dropped metric nodemonitor_test_status").And.Contain("dropped metric nodemonitor_runs_total"));
        Assert.That(metrics, Does.Contain("\nnodemonitor_run_success 1\n").And.Contain("\nnodemonitor_runs_total 1\n"));
        Assert.That(metrics, Does.Not.Contain("Fake.Check").And.Not.Contain("nodemonitor_run_success{"));
        Assert.That(metrics, Does.Contain("impostor_honest_value{plugin=\"impostor\""), "the plugin's other samples are kept");
        AssertPromtoolClean(metrics);
    }

    /// <summary>Serves the workspace's store with `nodemonitor serve` and returns /metrics and <paramref name="apiPath"/>.</summary>
    private static (string Metrics, string Api) Served(Workspace ws, string apiPath)
    {
        int port = ServeProcess.FreePort();
        using var serve = CliRun.Start(["serve", "--state", ws.State, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
            string metrics = ServeProcess.GetWhenUp(http, "metrics", serve);
            return (metrics, http.GetStringAsync(apiPath).GetAwaiter().GetResult());
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            serve.WaitForExit();
        }
    }

    private static void AssertPromtoolClean(string metrics)
    {
        var promtool = Promtool(metrics);
        Assert.That(promtool.ExitCode, Is.EqualTo(0), $"promtool check metrics:\n{promtool.Output}\n--- /metrics ---\n{metrics}");
        Assert.That(promtool.Output.Trim(), Is.Empty, $"promtool complained:\n{promtool.Output}");
    }

    private static List<JsonElement> Series(Workspace ws, string name)
    {
        var metrics = CliRun.Invoke("metrics", name, "--state", ws.State, "--since", "1d", "--format", "json");
        Assert.That(metrics.ExitCode, Is.EqualTo(0), metrics.ToString());
        using var json = JsonDocument.Parse(metrics.Stdout);
        return json.RootElement.EnumerateArray().Select(p => p.GetProperty("series").Clone()).ToList();
    }

    private static Dictionary<string, string> Labels(JsonElement series) =>
        series.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    private static (int ExitCode, string Output) Promtool(string metrics)
    {
        if (!File.Exists("/usr/bin/promtool")) Assert.Fail("promtool is missing: build/install-deps.sh installs Debian's prometheus package");
        var run = ChildProcess.Run("/usr/bin/promtool", ["check", "metrics"], stdin: metrics, limit: TimeSpan.FromSeconds(30));
        return (run.ExitCode, run.Output);
    }
}
