using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Metrics;

namespace NodeMonitor.Http.Tests;

/// <summary>What a client can send that the web view must answer well: bad query parameters, the bearer scheme in any
/// case, a browser following the dashboard's links with its token, an IPv4-mapped loopback address.</summary>
[Category("Integration")]
public sealed partial class RequestEdgeTests
{
    [TestCase("api/v1/runs?since=garbage", "since")]
    [TestCase("api/v1/runs?since=1e300", "since")]
    [TestCase("api/v1/runs?since=NaN", "since")]
    [TestCase("api/v1/runs?limit=-1", "limit")]
    [TestCase("api/v1/runs?limit=0", "limit")]
    [TestCase("api/v1/runs?limit=abc", "limit")]
    [TestCase("api/v1/runs?limit=1001", "limit")]
    [TestCase("api/v1/runs?limit=99999999999999999999", "limit")]
    [TestCase("api/v1/runs?limit=5&limit=6", "limit")]
    [TestCase("api/v1/runs?limt=5", "limt")]
    [TestCase("api/v1/metrics?from=0&to=99999999999999", "to")]
    [TestCase("api/v1/metrics?from=-99999999999999", "from")]
    [TestCase("api/v1/metrics?from=yesterday", "from")]
    [TestCase("api/v1/metrics?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "from")]
    [TestCase("api/v1/metrics?labels=novalue", "labels")]
    [TestCase("api/v1/status?verbose=1", "verbose")]
    public async Task EveryBadApiParameterIs400WithAJsonErrorNamingIt(string path, string parameter)
    {
        await using var node = new ServedNode();
        node.StoreRun(failing: false);
        await node.StartAsync();

        var response = await node.Client.GetAsync(new Uri(node.Address, path));
        string body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        using var json = JsonDocument.Parse(body);
        Assert.That(json.RootElement.GetProperty("parameter").GetString(), Is.EqualTo(parameter));
        Assert.That(json.RootElement.GetProperty("error").GetString(), Does.StartWith($"'{parameter}': "));
    }

    [TestCase("api/v1/runs?since=0&limit=1000")]
    [TestCase("api/v1/runs?since=2026-01-01T00:00:00Z&limit=1")]
    [TestCase("api/v1/metrics?from=0&to=253402300799")]
    [TestCase("api/v1/metrics?name=disk_free_ratio&labels=mount=/")]
    public async Task GoodParametersAtTheirLimitsAreAnswered(string path)
    {
        await using var node = new ServedNode();
        node.StoreRun(failing: false);
        await node.StartAsync();

        var response = await node.Client.GetAsync(new Uri(node.Address, path));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [TestCase("Bearer s3cret")]
    [TestCase("bearer s3cret")]
    [TestCase("BEARER s3cret")]
    [TestCase("bEaReR   s3cret")]
    public async Task TheBearerSchemeIsAcceptedInAnyCase(string header)
    {
        await using var node = new ServedNode();
        node.StoreRun(failing: false);
        await node.StartAsync(token: "s3cret");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node.Address, "healthz"));
        request.Headers.TryAddWithoutValidation("Authorization", header);

        var response = await node.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("Bearers3cret")]
    [TestCase("Basic s3cret")]
    [TestCase("bearer guess")]
    public async Task AnotherSchemeOrTokenIsRefused(string header)
    {
        await using var node = new ServedNode();
        await node.StartAsync(token: "s3cret");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node.Address, "healthz"));
        request.Headers.TryAddWithoutValidation("Authorization", header);

        var response = await node.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task EveryLinkOfTheDashboardKeepsTheTokenAndOpens()
    {
        await using var node = new ServedNode();
        node.StoreRun(failing: true);
        node.StoreHistory(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1));
        await node.StartAsync(token: "s3 cret&x");

        string page = await node.Client.GetStringAsync(new Uri(node.Address, "?token=s3+cret%26x"));
        var links = Href().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Where(l => !l.StartsWith("http", StringComparison.Ordinal)).ToList();

        Assert.That(links, Has.Count.GreaterThanOrEqualTo(7), "window links and the footer's /metrics, /api/v1/status, /healthz");
        Assert.That(links, Has.Some.StartWith("/metrics").And.Some.StartWith("/api/v1/status").And.Some.StartWith("/healthz"));
        foreach (string link in links)
        {
            Assert.That(link, Does.Contain("token=s3+cret%26x"), link);
            var response = await node.Client.GetAsync(new Uri(node.Address, link));
            Assert.That(response.StatusCode, Is.Not.EqualTo(HttpStatusCode.Unauthorized), link);
        }
    }

    [Test]
    public async Task AnIpv4MappedLoopbackAddressIsServedAsLoopback()
    {
        await using var node = new ServedNode();
        node.StoreRun(failing: false);

        await node.StartAsync(bindAddress: "::ffff:127.0.0.1");
        var response = await node.Client.GetAsync(new Uri(node.Address, "healthz"));

        Assert.That(node.Address.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void AnIpv4MappedAddressFollowsTheLoopbackRuleOfTheAddressItMaps()
    {
        Assert.DoesNotThrow(() => (ServeSettings.Default with { Address = "::ffff:127.0.0.1" }).Validate(null));
        var error = Assert.Throws<ConfigurationException>(() => (ServeSettings.Default with { Address = "::ffff:10.1.2.3" }).Validate(null));
        Assert.That(error!.Key, Is.EqualTo("serve.token"));
    }

    [Test]
    public async Task PluginSeriesNamedAgainstPrometheusConventionsKeepMetricsPromtoolClean()
    {
        string promtool = ExternalTool.Find("promtool");
        await using var node = new ServedNode();
        node.StoreRun(failing: false);
        var at = ServedNode.Now;
        node.Metrics.Write(
        [
            new("latency_sum", 2, at), new("rx_total", 3, at), new("errors", 4, at, MetricKind.Counter),
            new("wait", 6, at, MetricKind.Gauge, null, new Dictionary<string, string> { ["le"] = "0.5" }),
            new("wait", 7, at, MetricKind.Gauge, null, new Dictionary<string, string> { ["le"] = "1" }),
        ], at);
        await node.StartAsync();

        string text = await node.Client.GetStringAsync(new Uri(node.Address, "metrics"));
        var check = ExternalTool.Run(promtool, ["check", "metrics"], text);

        Assert.That((check.ExitCode, check.Stdout + check.Stderr), Is.EqualTo((0, "")), text);
        Assert.That(text, Does.Contain("# TYPE rx_total untyped\nrx_total 3").And.Contain("# TYPE wait untyped"));
        Assert.That(text, Does.Contain("# TYPE nodemonitor_run_success gauge"), "conventional names keep their type");
    }

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Href();
}
