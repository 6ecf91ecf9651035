using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NodeMonitor.Core.Configuration;

namespace NodeMonitor.Http.Tests;

[Category("Integration")]
public sealed class WebViewTests
{
    [Test]
    public async Task HealthzIs200WhenTheLastRunPassed()
    {
        await using var node = new ServedNode();
        node.StoreRun(failing: false);
        await node.StartAsync();

        var response = await node.Client.GetAsync(new Uri(node.Address, "healthz"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.StartWith("ok:"));
    }

    [Test]
    public async Task HealthzIs503WhenTheLastRunFailedOrNoRunIsStored()
    {
        await using var empty = new ServedNode();
        await empty.StartAsync();
        await using var failing = new ServedNode();
        failing.StoreRun(failing: true);
        await failing.StartAsync();

        var none = await empty.Client.GetAsync(new Uri(empty.Address, "healthz"));
        var failed = await failing.Client.GetAsync(new Uri(failing.Address, "healthz"));

        Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await failed.Content.ReadAsStringAsync(), Does.StartWith("failing:").And.Contain("1 failed of 2"));
    }

    [Test]
    public async Task MetricsPassPromtoolAndShowTheFailingTestAsZero()
    {
        string promtool = ExternalTool.Find("promtool");
        await using var node = new ServedNode();
        node.StoreRun(failing: true);
        node.StoreHistory(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1));
        await node.StartAsync();

        var response = await node.Client.GetAsync(new Uri(node.Address, "metrics"));
        string text = await response.Content.ReadAsStringAsync();
        var check = ExternalTool.Run(promtool, ["check", "metrics"], text);

        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/plain"));
        Assert.That((check.ExitCode, check.Stdout + check.Stderr), Is.EqualTo((0, "")), text);
        Assert.That(text, Does.Contain($"nodemonitor_test_status{{outcome=\"Failed\",plugin=\"disk\",test=\"{ServedNode.FailingTest}\"}} 0"));
        Assert.That(text, Does.Contain("nodemonitor_plugin_duration_seconds{plugin=\"disk\"} 2"));
        Assert.That(text, Does.Contain("disk_free_ratio{mount=\"/\"}"));
    }

    [Test]
    public async Task StatusListsTheFailingTestFirst()
    {
        await using var node = new ServedNode();
        node.StoreRun(failing: true);
        await node.StartAsync();

        using var json = JsonDocument.Parse(await node.Client.GetStringAsync(new Uri(node.Address, "api/v1/status")));

        var first = json.RootElement.GetProperty("states")[0];
        Assert.That(json.RootElement.GetProperty("node").GetString(), Is.EqualTo("node-a"));
        Assert.That(first.GetProperty("fullName").GetString(), Is.EqualTo(ServedNode.FailingTest));
        Assert.That(first.GetProperty("outcome").GetString(), Is.EqualTo("Failed"));
    }

    [Test]
    public async Task TheMetricsApiReturnsTheNamedSeriesOverTheWindow()
    {
        await using var node = new ServedNode();
        node.StoreRun(failing: false);
        node.StoreHistory(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(1));
        await node.StartAsync();
        string from = Uri.EscapeDataString(ServedNode.Now.AddMinutes(-10).ToString("o"));

        using var json = JsonDocument.Parse(await node.Client.GetStringAsync(new Uri(node.Address, $"api/v1/metrics?name=disk_free_ratio&from={from}")));
        var bad = await node.Client.GetAsync(new Uri(node.Address, "api/v1/metrics?from=yesterday"));

        var series = json.RootElement.EnumerateArray().Single();
        Assert.That(series.GetProperty("series").GetProperty("labels").GetProperty("mount").GetString(), Is.EqualTo("/"));
        Assert.That(series.GetProperty("points").GetArrayLength(), Is.InRange(10, 11));
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task RunsAreListedNewestFirst()
    {
        await using var node = new ServedNode();
        node.StoreRun(failing: true);
        await node.StartAsync();

        using var json = JsonDocument.Parse(await node.Client.GetStringAsync(new Uri(node.Address, "api/v1/runs?limit=5")));

        Assert.That(json.RootElement.GetArrayLength(), Is.EqualTo(1));
        Assert.That(json.RootElement[0].GetProperty("passed").GetBoolean(), Is.False);
    }

    [Test]
    public async Task WithATokenEveryRequestMustCarryIt()
    {
        await using var node = new ServedNode();
        node.StoreRun(failing: false);
        await node.StartAsync(token: "s3cret");

        var without = await node.Client.GetAsync(new Uri(node.Address, "healthz"));
        var wrong = new HttpRequestMessage(HttpMethod.Get, new Uri(node.Address, "healthz")) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "guess") } };
        var right = new HttpRequestMessage(HttpMethod.Get, new Uri(node.Address, "healthz")) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "s3cret") } };
        var inQuery = await node.Client.GetAsync(new Uri(node.Address, "?token=s3cret"));

        Assert.That(without.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await node.Client.SendAsync(wrong)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await node.Client.SendAsync(right)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(inQuery.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void ServingOffLoopbackWithoutATokenIsAConfigurationError()
    {
        var error = Assert.Throws<ConfigurationException>(() => (ServeSettings.Default with { Address = "0.0.0.0" }).Validate("nodemonitor.json"));

        Assert.That(error!.Message, Does.Contain("serve.token"));
        Assert.DoesNotThrow(() => (ServeSettings.Default with { Address = "0.0.0.0", Token = "t" }).Validate(null));
    }
}
