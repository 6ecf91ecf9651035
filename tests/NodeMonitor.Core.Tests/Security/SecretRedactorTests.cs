using NUnit.Framework;
using NodeMonitor.Central;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Reporting;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Security;
using NodeMonitor.Core.Tests.Configuration;

namespace NodeMonitor.Core.Tests.Security;

public sealed class SecretRedactorTests
{
    private const string SwiftKey = "swift-key-Xq81";
    private const string ServeToken = "serve-token-7Hh2";
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static NodeMonitorConfig Config() => NodeMonitorConfig.Defaults() with
    {
        Node = "web-17",
        Swift = new SwiftSettings("http://127.0.0.1:8080/auth/v1.0", "test:tester", SwiftKey),
    };

    /// <summary>A run whose every text field carries both secrets, as a plugin that printed its environment would.</summary>
    private static RunResult Leaky()
    {
        string both = $"key={SwiftKey} token={ServeToken}";
        var test = new TestCaseResult("leaky", "Leaky.dll", $"Leaky.Checks.Env(\"{SwiftKey}\")", "Leaky.Checks", "Env",
            TestOutcome.Failed, "Error", "Test", At, TimeSpan.FromSeconds(1), $"message {both}", $"at Leaky.Checks.Env() {both}",
            $"output {both}\nNODEMONITOR_SERVE_TOKEN={ServeToken}", 1, [$"cat-{ServeToken}"],
            [new("nodemonitor.metric", $$$"""{"name":"leak","value":1,"labels":{"k":"{{{SwiftKey}}}"}}"""), new("env", both)])
        {
            Name = $"Env(\"{SwiftKey}\")",
            Metrics = [new TestMetric("leak", 1, MetricKind.Gauge, null, new Dictionary<string, string> { ["k"] = SwiftKey }, null)],
        };
        var crashed = new PluginResult("crashy", ["Crashy.dll"], PluginStatus.Crashed, $"worker died: {both}", $"Crashy.T({ServeToken})",
            $"captured {both}", At, TimeSpan.FromSeconds(2), []);
        return new RunResult("20260301T120000.000Z-ab12", "web-17", At, At.AddSeconds(3),
            [new PluginResult("leaky", ["Leaky.dll"], PluginStatus.Completed, null, null, null, At, TimeSpan.FromSeconds(1), [test]), crashed]);
    }

    private static SecretRedactor Redactor() =>
        SecretRedactor.For(Config(), new Dictionary<string, string?> { ["NODEMONITOR_SERVE_TOKEN"] = ServeToken });

    [Test]
    public void NoResultFileOrBundleFileOfARedactedRunContainsASecret()
    {
        var run = Redactor().Redact(Leaky());

        var written = new Dictionary<string, string>
        {
            ["json"] = RunResultJson.Serialize(run),
            ["nunit3"] = NUnit3ResultXml.Build(run).ToString(),
            ["junit"] = JUnitResultXml.Build(run).ToString(),
        };
        foreach (var (name, text) in FailureBundle.From(run).Files) written["bundle " + name] = text;

        foreach (var (name, text) in written)
        {
            Assert.That(text, Does.Not.Contain(SwiftKey).And.Not.Contain(ServeToken), name);
            Assert.That(text, Does.Contain(SecretRedactor.Mask), name);
        }
    }

    [Test]
    public void EveryTextFieldIsRedactedAndNothingElseChanges()
    {
        var original = Leaky();
        var run = Redactor().Redact(original);
        var test = run.Plugins[0].Tests[0];
        var crashed = run.Plugins[1];

        Assert.That(test.FullName, Is.EqualTo("Leaky.Checks.Env(\"***\")"));
        Assert.That(test.Message, Is.EqualTo("message key=*** token=***"));
        Assert.That(test.Output, Is.EqualTo("output key=*** token=***\nNODEMONITOR_SERVE_TOKEN=***"));
        Assert.That(test.Categories, Is.EqualTo(new[] { "cat-***" }));
        Assert.That(test.Properties[0].Value, Is.EqualTo("""{"name":"leak","value":1,"labels":{"k":"***"}}"""));
        Assert.That((test.Name, test.Metrics[0].Labels["k"]), Is.EqualTo(("Env(\"***\")", "***")));
        Assert.That((crashed.Error, crashed.RunningTest, crashed.CapturedOutput),
            Is.EqualTo(("worker died: key=*** token=***", "Crashy.T(***)", "captured key=*** token=***")));
        Assert.That((test.Outcome, test.Duration, run.RunId, run.Passed), Is.EqualTo((TestOutcome.Failed, TimeSpan.FromSeconds(1), original.RunId, false)));
    }

    [Test]
    public void EverySettingMarkedSecretIsReadFromTheConfigurationAndFromItsVariable()
    {
        Assert.That(ConfigDocumentation.SecretKeys, Is.EquivalentTo(SecretRedactor.ConfigValues.Keys),
            "each secret row of the settings table has a reader of its configured value");
        Assert.That(ConfigDocumentation.SecretKeys, Is.SupersetOf(new[] { "etcd.password", "swift.key", "serve.token", "swift.applicationCredentialSecret" }));

        foreach (string key in ConfigDocumentation.SecretKeys)
        {
            string value = $"value-of-{key}";
            var fromVariable = SecretRedactor.For(NodeMonitorConfig.Defaults(),
                new Dictionary<string, string?> { [ConfigDocumentation.EnvFor(key)] = value });
            Assert.That(fromVariable.Redact($"x {value} y"), Is.EqualTo("x *** y"), key);
        }
    }

    [Test]
    public void SecretsLoadedFromTheFileAreRedactedToo()
    {
        using var temp = new TempFolder();
        string file = temp.Write("nodemonitor.json", """
            {
              "serve": { "token": "file-token-123" },
              "etcd": { "endpoints": ["http://127.0.0.1:2379"], "username": "node", "password": "etcd-pass-456" },
              "swift": { "authUrl": "http://127.0.0.1:8080/auth/v1.0", "user": "a:b", "key": "swift-key-789", "tempUrlKey": "temp-url-key-0" }
            }
            """);
        var config = ConfigLoader.Load(file, new Dictionary<string, string?>());

        var redactor = SecretRedactor.For(config, new Dictionary<string, string?>());

        Assert.That(redactor.Redact("file-token-123 etcd-pass-456 swift-key-789 temp-url-key-0 node"), Is.EqualTo("*** *** *** *** node"));
    }

    [Test]
    public void ASecretIsRedactedAsItAppearsInsideJsonText()
    {
        var config = Config() with { Serve = ServeSettings.Default with { Token = "quo\"te\\back" } };
        string json = System.Text.Json.JsonSerializer.Serialize(new { label = "quo\"te\\back" });

        Assert.That(SecretRedactor.For(config, new Dictionary<string, string?>()).Redact(json), Is.EqualTo("""{"label":"***"}"""));
    }

    [Test]
    public void WithoutSecretsTheRunIsReturnedAsItIs()
    {
        var run = Leaky();

        Assert.That(SecretRedactor.For(NodeMonitorConfig.Defaults(), new Dictionary<string, string?>()).Redact(run), Is.SameAs(run));
    }

    [Test]
    public void AValueTooShortToBeASecretIsNotMaskedEverywhere()
    {
        var redactor = SecretRedactor.For(NodeMonitorConfig.Defaults(), new Dictionary<string, string?> { ["NODEMONITOR_SWIFT_KEY"] = "abc" });

        Assert.That(redactor.Redact("abc abcd"), Is.EqualTo("abc abcd"));
    }
}
