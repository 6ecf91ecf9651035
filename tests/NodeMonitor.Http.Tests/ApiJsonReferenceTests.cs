using System.Net;
using System.Text.Json;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Http.Tests;

/// <summary>The API's bodies, byte for byte, are what the reflection-based serializer printed for the same data
/// (<see cref="ReflectionReference"/>): the JSON generated at build time changes nothing a client reads.</summary>
[Category("Integration")]
public sealed class ApiJsonReferenceTests
{
    private const string ObjectUrl = "http://swift.example:8080/v1/AUTH_test/nodemonitor/node-a/failures/run-1/output.log";

    [Test]
    public async Task StatusWithCentralStateIsPrintedAsBefore()
    {
        await using var node = new ServedNode();
        node.StoreRun(failing: true);
        using (var outbox = CentralOutbox.Open(StateDirectory(node)))
        {
            outbox.RecordBundleLink("run-1", new BundleLink(ObjectUrl, ObjectUrl + "?temp_url_sig=abc", DateTimeOffset.UtcNow.AddDays(7)));
            outbox.MarkDelivered(0, "sig", changedCentralState: true, DateTimeOffset.UtcNow);
            outbox.Enqueue(ReportKind.Recovery, "run-2", null, null, DateTimeOffset.UtcNow.AddMinutes(-3));
            outbox.RecordError("etcd delete /nodemonitor/failures/node-a: Unavailable \"quoted\" <tag>", DateTimeOffset.UtcNow);
        }
        await node.StartAsync();

        var (response, body) = await GetAsync(node, "api/v1/status");

        using var central = CentralStatusReader.Open(StateDirectory(node));
        var status = central.Read();
        string expected = ReflectionReference.Print(new
        {
            node = "node-a",
            lastRun = node.Results.LastRun(),
            states = node.Results.CurrentStates(),
            central = new
            {
                delivery = CentralStatusJson.Delivery(status),
                failureBundle = CentralStatusJson.FailureBundle(status, DateTimeOffset.UtcNow),
                heartbeat = status.Heartbeat,
                sync = status.Sync,
                unsyncedRuns = status.UnsyncedRuns,
            },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Is.EqualTo(expected));
        Assert.That(body, Does.Contain("\"failureBundle\": {").And.Contain("\"state\": \"Pending\""), "the case covers the central part");
    }

    [Test]
    public async Task StatusOfANodeThatNeverReportedCentrallyIsPrintedAsBefore()
    {
        await using var node = new ServedNode();
        node.StoreRun(failing: false);
        await node.StartAsync();

        var (_, body) = await GetAsync(node, "api/v1/status");

        string expected = ReflectionReference.Print(new
        {
            node = "node-a",
            lastRun = node.Results.LastRun(),
            states = node.Results.CurrentStates(),
            central = (object?)null,
        });
        Assert.That(body, Is.EqualTo(expected));
    }

    [Test]
    public async Task RunsAndMetricsArePrintedAsBefore()
    {
        await using var node = new ServedNode();
        node.StoreRun(failing: true);
        node.StoreHistory(TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(1));
        await node.StartAsync();
        long from = ServedNode.Now.AddMinutes(-30).ToUnixTimeSeconds(), to = ServedNode.Now.AddMinutes(1).ToUnixTimeSeconds();

        var (_, runs) = await GetAsync(node, "api/v1/runs");
        var (_, metrics) = await GetAsync(node, $"api/v1/metrics?from={from}&to={to}");

        Assert.That(runs, Is.EqualTo(ReflectionReference.Print(node.Results.Runs(null, 50))));
        var points = node.Metrics.Points(null, new Dictionary<string, string>(), DateTimeOffset.FromUnixTimeSeconds(from),
            DateTimeOffset.FromUnixTimeSeconds(to), DateTimeOffset.UtcNow);
        Assert.That(points.Sum(p => p.Points.Count), Is.GreaterThan(20), "the case covers points");
        Assert.That(metrics, Is.EqualTo(ReflectionReference.Print(points)));
    }

    [TestCase("GET", "no/such/page", HttpStatusCode.NotFound)]
    [TestCase("POST", "api/v1/runs", HttpStatusCode.MethodNotAllowed)]
    [TestCase("GET", "api/v1/status?verbose=1", HttpStatusCode.BadRequest)]
    [TestCase("GET", "api/v1/runs?limit=%22x'%3C", HttpStatusCode.BadRequest)]
    [TestCase("GET", "api/v1/metrics?from=5&to=1", HttpStatusCode.BadRequest)]
    public async Task ErrorBodiesArePrintedAsBefore(string method, string path, HttpStatusCode status)
    {
        await using var node = new ServedNode();
        node.StoreRun(failing: false);
        await node.StartAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(node.Address, path));
        using var response = await node.Client.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/json; charset=utf-8"));
        using var json = JsonDocument.Parse(body);
        string error = json.RootElement.GetProperty("error").GetString()!;
        string expected = json.RootElement.TryGetProperty("parameter", out var parameter)
            ? ReflectionReference.Print(new { error, parameter = parameter.GetString() })
            : ReflectionReference.Print(new { error, status = (int)status });
        Assert.That(body, Is.EqualTo(expected));
    }

    private static async Task<(HttpResponseMessage Response, string Body)> GetAsync(ServedNode node, string path)
    {
        var response = await node.Client.GetAsync(new Uri(node.Address, path));
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/json; charset=utf-8"));
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static string StateDirectory(ServedNode node) => Path.GetDirectoryName(node.Results.DatabasePath)!;
}
