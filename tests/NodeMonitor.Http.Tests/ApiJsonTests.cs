using System.Net;
using System.Text.Json;
using NodeMonitor.Tests.Shared;

namespace NodeMonitor.Http.Tests;

/// <summary>The JSON of the API: durations one way everywhere (seconds as numbers, properties named ...Seconds), and a
/// JSON body saying what is wrong on every error answer.</summary>
[Category("Integration")]
public sealed class ApiJsonTests
{
    [TestCase("api/v1/status")]
    [TestCase("api/v1/runs")]
    [TestCase("api/v1/metrics?from=0")]
    public async Task DurationsAreSecondsAsNumbers(string path)
    {
        await using var node = new ServedNode();
        node.StoreRun(failing: true);
        await node.StartAsync();

        string body = await node.Client.GetStringAsync(new Uri(node.Address, path));

        using var json = JsonDocument.Parse(body);
        var values = JsonPaths.Walk(json.RootElement).ToList();
        Assert.That(values.Where(v => JsonPaths.IsTimeSpanText(v.Value)), Is.Empty, "a duration as \"hh:mm:ss\" text");
        Assert.That(values.Where(v => JsonPaths.IsUnitlessDuration(v.Path)), Is.Empty, "a duration named without its unit");
        Assert.That(values.Where(v => v.Path.EndsWith("Seconds", StringComparison.Ordinal))
            .Select(v => v.Value.ValueKind).Distinct(), Is.SubsetOf(new[] { JsonValueKind.Number, JsonValueKind.Null }));
        if (path != "api/v1/metrics?from=0")
            Assert.That(values.Where(v => v.Path.EndsWith(".durationSeconds", StringComparison.Ordinal)).Select(v => v.Value.GetDouble()),
                Does.Contain(2.0).And.Contain(0.02), body);
    }

    [TestCase("GET", "api/v1/nothing-here", HttpStatusCode.NotFound, "no such page: /api/v1/nothing-here")]
    [TestCase("GET", "no/such/page", HttpStatusCode.NotFound, "/api/v1/runs")]
    [TestCase("POST", "api/v1/runs", HttpStatusCode.MethodNotAllowed, "only answers GET")]
    [TestCase("DELETE", "api/v1/status", HttpStatusCode.MethodNotAllowed, "only answers GET")]
    [TestCase("GET", "api/v1/runs?limit=abc", HttpStatusCode.BadRequest, "'limit': expected a whole number")]
    public async Task EveryErrorAnswerHasAJsonBodySayingWhatIsWrong(string method, string path, HttpStatusCode status, string says)
    {
        await using var node = new ServedNode();
        node.StoreRun(failing: false);
        await node.StartAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(node.Address, path));
        var response = await node.Client.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"), body);
        using var json = JsonDocument.Parse(body);
        Assert.That(json.RootElement.GetProperty("error").GetString(), Does.Contain(says));
    }
}
