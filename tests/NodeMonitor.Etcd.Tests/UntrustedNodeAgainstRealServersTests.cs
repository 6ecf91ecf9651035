using System.Text;
using System.Text.Json;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Swift;

namespace NodeMonitor.Etcd.Tests;

/// <summary>What a plugin or a bad name can make a node send to the real etcd and Swift: no secret in any stored or
/// uploaded file, no key or object outside the node's own, no request loop.</summary>
[Category("Integration")]
[NonParallelizable]
public sealed class UntrustedNodeAgainstRealServersTests
{
    private const string Container = "nm-untrusted-tests";
    private const string Prefix = "/nm-untrusted/";
    private const string TempUrlKey = "untrusted-tempurl-key";
    private const string ServeToken = "serve-token-from-the-environment";

    private string _dir = "";
    private string _node = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("nm-untrusted-").FullName;
        _node = "untrusted-" + Guid.NewGuid().ToString("N")[..6];
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task AnObjectPutStill404AfterTheContainerIsMadeEndsAfterThreeRequests()
    {
        using var swift = new SwiftClient(new SwiftSettings(RealServices.SwiftAuthUrl, "test:tester", "testing") { Container = Container });
        int before = RealServices.SwiftRequests();

        // The HTTP client resolves "..": the PUT lands in a container that does not exist, however often ours is made.
        var error = Assert.ThrowsAsync<CentralDeliveryException>(() => swift.PutObjectAsync("../nm-no-such-container/x", [1],
            "application/octet-stream", null, DateTime.UtcNow.AddSeconds(20), CancellationToken.None));
        await Task.Delay(300); // the proxy writes its access line just after answering

        Assert.That(error!.Message, Does.Contain("404"));
        Assert.That(swift.Requests, Is.EqualTo(3), "PUT object, PUT container, PUT object");
        Assert.That(RealServices.SwiftRequests() - before, Is.EqualTo(4), "and one authentication");
    }

    [TestCase("../victim")]
    [TestCase("a/b")]
    public void ANodeNameThatWouldLeaveItsKeyIsExit2AndWritesNothing(string node)
    {
        string config = WriteConfig(leak: "nothing");
        int swiftBefore = RealServices.SwiftRequests();

        var run = PublishedCli.Run("run", "--config", config, "--node", node);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stderr, Does.Contain($"'--node': invalid node name \"{node}\""));
        Assert.That(RealServices.SwiftRequests(), Is.EqualTo(swiftBefore));
        Assert.That(Directory.Exists(Path.Combine(_dir, "state")), Is.False, "nothing ran");
    }

    [Test]
    public async Task ASecretAPluginPrintsIsInNoStoredOrUploadedFile()
    {
        // The Swift key of the test account, the TempURL key from the file and the token from the environment.
        string[] secrets = ["testing", TempUrlKey, ServeToken];
        string config = WriteConfig(leak: string.Join(' ', secrets));
        string xml = Path.Combine(_dir, "TestResult.xml"), junit = Path.Combine(_dir, "junit.xml"), json = Path.Combine(_dir, "run.json");

        var run = PublishedCli.Run(["run", "--config", config, "--result", xml, "--result", $"{junit};format=junit", "--result", $"{json};format=json"],
            new Dictionary<string, string> { ["NODEMONITOR_SERVE_TOKEN"] = ServeToken });

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        var written = new Dictionary<string, string>
        {
            ["stdout"] = run.Stdout,
            ["TestResult.xml"] = File.ReadAllText(xml),
            ["junit.xml"] = File.ReadAllText(junit),
            ["run.json"] = File.ReadAllText(json),
        };
        foreach (string file in Directory.EnumerateFiles(Path.Combine(_dir, "state"), "*", SearchOption.AllDirectories))
            written["state " + Path.GetFileName(file)] = Encoding.UTF8.GetString(File.ReadAllBytes(file));
        using var etcd = EtcdConnection.Create(new EtcdSettings([RealServices.EtcdUrl]) { Prefix = Prefix });
        string recordJson = await etcd.GetValAsync($"{Prefix}failures/{_node}", deadline: DateTime.UtcNow.AddSeconds(5));
        written["etcd record"] = recordJson;
        var record = FailureRecord.FromJson(recordJson)!;
        using var http = new HttpClient();
        written["bundle result.json"] = await http.GetStringAsync(record.TempUrl);
        foreach (string name in new[] { FailureBundle.ResultXml, FailureBundle.OutputLog })
            written["bundle " + name] = await http.GetStringAsync(await SignedUrlAsync(record, name));

        Assert.That(written["bundle result.json"], Does.Contain("leaking *** *** *** in the message"), "the bundle is the leaky run");
        Assert.That(written["TestResult.xml"], Does.Contain("the secret is *** *** ***"));
        foreach (var (what, text) in written)
        {
            foreach (string secret in secrets) Assert.That(text, Does.Not.Contain(secret), $"{what} holds {secret}");
        }
    }

    /// <summary>A TempURL for another file of the record's bundle, signed as the node signs result.json.</summary>
    private async Task<string> SignedUrlAsync(FailureRecord record, string name)
    {
        using var swift = new SwiftClient(new SwiftSettings(RealServices.SwiftAuthUrl, "test:tester", "testing") { Container = Container });
        string url = await swift.ObjectUrlAsync($"{_node}/failures/{record.RunId}/{name}", DateTime.UtcNow.AddSeconds(5), CancellationToken.None);
        return TempUrl.Sign(url, TempUrlKey, DateTimeOffset.UtcNow.AddMinutes(5));
    }

    /// <summary>nodemonitor.json with etcd and Swift, and a plugin root holding the impostor fixture selected to print
    /// <paramref name="leak"/> (its plugin.json hands the text to the plugin, as an author could).</summary>
    private string WriteConfig(string leak)
    {
        string plugin = PublishedCli.CopyFixture("impostor", Path.Combine(_dir, "plugins"));
        File.WriteAllText(Path.Combine(plugin, "plugin.json"), JsonSerializer.Serialize(new
        {
            where = "cat == leak",
            environment = new Dictionary<string, string> { ["IMPOSTOR_SECRET"] = leak },
        }));
        string file = Path.Combine(_dir, "nodemonitor.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new
        {
            node = _node,
            pluginRoot = Path.Combine(_dir, "plugins"),
            stateDirectory = Path.Combine(_dir, "state"),
            etcd = new { endpoints = new[] { RealServices.EtcdUrl }, prefix = Prefix },
            swift = new { authUrl = RealServices.SwiftAuthUrl, user = "test:tester", key = "testing", container = Container, tempUrlKey = TempUrlKey },
            report = new { budgetSeconds = 20 },
        }));
        return file;
    }
}
