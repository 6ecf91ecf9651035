using System.Net;
using System.Text.Json;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Http.Tests;

/// <summary>The failure bundle's link and the delivery line on the dashboard and in /api/v1/status, from what central
/// reporting stored in the node's store.</summary>
[Category("Integration")]
public sealed class FailureBundleLinkTests
{
    private const string ObjectUrl = "http://swift.example:8080/v1/AUTH_test/nodemonitor/node-a/failures/run-1/output.log";
    private const string TempUrl = ObjectUrl + "?temp_url_sig=abc&temp_url_expires=1900000000";

    [Test]
    public async Task AFailingNodeShowsTheSignedLinkToItsBundleWhileItIsValid()
    {
        await using var node = new ServedNode();
        node.StoreRun(failing: true);
        Record(node, new BundleLink(ObjectUrl, TempUrl, DateTimeOffset.UtcNow.AddDays(7)));
        await node.StartAsync();

        string page = await node.Client.GetStringAsync(node.Address);
        using var json = JsonDocument.Parse(await node.Client.GetStringAsync(new Uri(node.Address, "api/v1/status")));

        Assert.That(page, Does.Contain($"<a class=\"bundle\" href=\"{WebUtility.HtmlEncode(TempUrl)}\""));
        Assert.That(page, Does.Contain("title=\"run run-1: signed link valid until"));
        var bundle = json.RootElement.GetProperty("central").GetProperty("failureBundle");
        Assert.That(bundle.GetProperty("url").GetString(), Is.EqualTo(TempUrl));
        Assert.That(bundle.GetProperty("runId").GetString(), Is.EqualTo("run-1"));
    }

    [Test]
    public async Task AnExpiredSignedLinkGivesWayToTheObjectUrl()
    {
        await using var node = new ServedNode();
        node.StoreRun(failing: true);
        Record(node, new BundleLink(ObjectUrl, TempUrl, DateTimeOffset.UtcNow.AddMinutes(-1)));
        await node.StartAsync();

        string page = await node.Client.GetStringAsync(node.Address);

        Assert.That(page, Does.Contain($"<a class=\"bundle\" href=\"{ObjectUrl}\""));
        Assert.That(page, Does.Not.Contain("temp_url_sig"));
    }

    [Test]
    public async Task PendingReportsAndTheLastErrorAreShownInTheDeliveryLine()
    {
        await using var node = new ServedNode();
        node.StoreRun(failing: true);
        using (var outbox = CentralOutbox.Open(StateDirectory(node)))
        {
            outbox.Enqueue(ReportKind.Recovery, "run-2", null, null, DateTimeOffset.UtcNow.AddMinutes(-3));
            outbox.RecordError("etcd delete /nodemonitor/failures/node-a: Unavailable Error connecting to subchannel.", DateTimeOffset.UtcNow);
        }
        await node.StartAsync();

        string page = await node.Client.GetStringAsync(node.Address);
        using var json = JsonDocument.Parse(await node.Client.GetStringAsync(new Uri(node.Address, "api/v1/status")));

        Assert.That(page, Does.Contain("1 report pending for 3m"));
        Assert.That(page, Does.Contain("last error: etcd delete /nodemonitor/failures/node-a: Unavailable"));
        var delivery = json.RootElement.GetProperty("central").GetProperty("delivery");
        Assert.That(delivery.GetProperty("state").GetString(), Is.EqualTo("Pending"));
        Assert.That(delivery.GetProperty("pending").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task ANodeThatNeverReportedCentrallyShowsNoCentralLine()
    {
        await using var node = new ServedNode();
        node.StoreRun(failing: true);
        await node.StartAsync();

        string page = await node.Client.GetStringAsync(node.Address);
        using var json = JsonDocument.Parse(await node.Client.GetStringAsync(new Uri(node.Address, "api/v1/status")));

        Assert.That(page, Does.Not.Contain("class=\"central\"").And.Not.Contain("class=\"bundle\""));
        Assert.That(json.RootElement.GetProperty("central").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    private static string StateDirectory(ServedNode node) => Path.GetDirectoryName(node.Results.DatabasePath)!;

    private static void Record(ServedNode node, BundleLink link)
    {
        using var outbox = CentralOutbox.Open(StateDirectory(node));
        outbox.RecordBundleLink("run-1", link);
        outbox.MarkDelivered(0, "sig", changedCentralState: true, DateTimeOffset.UtcNow);
    }
}
