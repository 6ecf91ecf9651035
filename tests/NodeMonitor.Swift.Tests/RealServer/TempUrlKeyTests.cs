using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Swift.Tests.RealServer;

/// <summary>v1 against the real Swift: a container that exists without the Temp-URL key still gets working links.</summary>
[NonParallelizable]
[Category("Integration")]
public sealed class TempUrlKeyTests
{
    private static readonly FailureBundle Bundle = new("node-a", "20260101T000000Z-1", new Dictionary<string, string>
    {
        [FailureBundle.ResultJson] = """{"failing":["Disk.HasSpace"]}""",
        [FailureBundle.ResultXml] = "<test-run/>",
        [FailureBundle.OutputLog] = "disk full",
    });

    [Test]
    public async Task AContainerMadeWithoutTheKeyGetsItBeforeTheFirstUploadSoTheTempUrlWorks()
    {
        var withoutKey = TempAuth.Settings();
        using (var first = new SwiftClient(withoutKey)) await KeystoneSetup.UploadAsync(first);
        var withKey = withoutKey with { TempUrlKey = "temp-url-key-1" };
        using var client = new SwiftClient(withKey);
        int before = RealSwift.ProxyRequests();

        var link = await new SwiftBundleStore(client, withKey).UploadAsync(Bundle, KeystoneSetup.Deadline(), default);
        int requests = await ProxyRequestsSinceAsync(before, expected: 5);

        using var http = new HttpClient();
        var response = await http.GetAsync(link.TempUrl);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Disk.HasSpace"));
        TestContext.Out.WriteLine($"first bundle of a process: {requests} Swift requests (auth, PUT container with key, 3 PUT object)");
        Assert.That(requests, Is.EqualTo(5));
    }

    [Test]
    public async Task TheKeyIsSetOncePerClientSoTheNextBundleCostsOnlyItsThreeUploads()
    {
        var settings = TempAuth.Settings() with { TempUrlKey = "temp-url-key-2" };
        using var client = new SwiftClient(settings);
        var store = new SwiftBundleStore(client, settings);
        await store.UploadAsync(Bundle, KeystoneSetup.Deadline(), default);
        int before = RealSwift.ProxyRequests();

        await store.UploadAsync(Bundle with { RunId = "20260101T000100Z-2" }, KeystoneSetup.Deadline(), default);

        Assert.That(await ProxyRequestsSinceAsync(before, expected: 3), Is.EqualTo(3));
    }

    [Test]
    public async Task WithoutAKeyNoContainerRequestIsMadeWhenTheContainerExists()
    {
        var settings = TempAuth.Settings();
        using (var setUp = new SwiftClient(settings)) await KeystoneSetup.UploadAsync(setUp);
        using var client = new SwiftClient(settings);
        int before = RealSwift.ProxyRequests();

        await new SwiftBundleStore(client, settings).UploadAsync(Bundle, KeystoneSetup.Deadline(), default);

        Assert.That(await ProxyRequestsSinceAsync(before, expected: 4), Is.EqualTo(4), "auth and three PUTs");
    }

    [Test]
    public async Task AnUploadThatMakesNoTempUrlLeavesTheContainerAlone()
    {
        var settings = TempAuth.Settings() with { TempUrlKey = "temp-url-key-3" };
        using (var setUp = new SwiftClient(settings)) await KeystoneSetup.UploadAsync(setUp);
        using var client = new SwiftClient(settings);
        int before = RealSwift.ProxyRequests();

        await KeystoneSetup.UploadAsync(client, "passed.jsonl.gz");

        Assert.That(await ProxyRequestsSinceAsync(before, expected: 2), Is.EqualTo(2), "auth and the object PUT");
    }

    /// <summary>The proxy writes its access line just after answering: wait (boundedly) for the expected count, then
    /// read once more so that extra requests would show.</summary>
    private static async Task<int> ProxyRequestsSinceAsync(int before, int expected)
    {
        for (int i = 0; i < 40 && RealSwift.ProxyRequests() - before < expected; i++) await Task.Delay(50);
        await Task.Delay(200);
        return RealSwift.ProxyRequests() - before;
    }
}
