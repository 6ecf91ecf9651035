using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Discovery;
using NodeMonitor.Core.Tests.Configuration;
using NUnit.Framework;

namespace NodeMonitor.Core.Tests.Discovery;

public sealed class PluginManifestParserTests
{
    private TempFolder _temp = null!;

    [SetUp] public void CreateFolder() => _temp = new TempFolder();
    [TearDown] public void DeleteFolder() => _temp.Dispose();

    [Test]
    public void EveryKeyIsRead()
    {
        string file = _temp.Write("plugin.json", """
            {
              "enabled": false,
              "assemblies": ["Disk.Checks.dll"],
              "timeout": 30,
              "retries": 2,
              "categories": ["fast", "disk"],
              "where": "test =~ Root",
              "environment": { "DISK_WARN_PERCENT": "80" },
              "memoryLimitMB": 256,
              "cpuSeconds": 30,
              "user": "nobody",
              "isolation": "process"
            }
            """);

        var manifest = PluginManifestParser.Parse(file);

        Assert.Multiple(() =>
        {
            Assert.That(manifest.Enabled, Is.False);
            Assert.That(manifest.Assemblies, Is.EqualTo(new[] { "Disk.Checks.dll" }));
            Assert.That(manifest.Timeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(manifest.Retries, Is.EqualTo(2));
            Assert.That(manifest.Categories, Is.EqualTo(new[] { "fast", "disk" }));
            Assert.That(manifest.Where?.ToString(), Is.EqualTo("test =~ 'Root'"));
            Assert.That(manifest.Environment, Is.EqualTo(new Dictionary<string, string> { ["DISK_WARN_PERCENT"] = "80" }));
            Assert.That(manifest.Limits, Is.EqualTo(new PluginLimits(256, 30, "nobody")));
            Assert.That(manifest.OwnProcess, Is.True);
        });
    }

    [Test]
    public void ParametersAreTheTestRunParameters()
    {
        var manifest = PluginManifestParser.Parse(_temp.Write("plugin.json", """{ "parameters": { "Target": "db-1", "Limit": "5" } }"""));

        Assert.That(manifest.Parameters, Is.EqualTo(new Dictionary<string, string> { ["Target"] = "db-1", ["Limit"] = "5" }));
    }

    [TestCase("""{ "parameters": { "Limit": 5 } }""", "parameters.Limit", "a string")]
    [TestCase("""{ "parameters": { "A=B": "x" } }""", "parameters", "without '='")]
    [TestCase("""{ "parameters": ["x"] }""", "parameters", "")]
    public void AWrongParameterIsAnErrorNamingIt(string json, string key, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => PluginManifestParser.Parse(_temp.Write("plugin.json", json)))!;

        Assert.That(error.Key, Is.EqualTo(key));
        Assert.That(error.Message, Does.Contain(expected));
    }

    [TestCase("shared", false)]
    [TestCase("process", true)]
    public void IsolationSaysWhetherThePluginMayShareAWorker(string isolation, bool ownProcess) =>
        Assert.That(PluginManifestParser.Parse(_temp.Write("plugin.json", $$"""{ "isolation": "{{isolation}}" }""")).OwnProcess, Is.EqualTo(ownProcess));

    [Test]
    public void AnEmptyManifestMeansTheDefaults()
    {
        var manifest = PluginManifestParser.Parse(_temp.Write("plugin.json", "{}"));

        Assert.That(manifest with { Environment = PluginManifest.Default.Environment }, Is.EqualTo(PluginManifest.Default));
        Assert.That(manifest.Environment, Is.Empty);
    }

    [Test]
    public void AWhereThatDoesNotParseIsAnErrorNamingFileKeyAndPosition()
    {
        string file = _temp.Write("plugin.json", """{ "where": "cat == (slow" }""");

        var error = Assert.Throws<ConfigurationException>(() => PluginManifestParser.Parse(file))!;

        Assert.That(error.Describe(), Does.StartWith($"{file}:1:12: 'where': invalid test selection \"cat == (slow\": Error at position 8"));
    }

    [Test]
    public void AnUnknownKeyIsAnErrorNamingFileKeyAndTheValidKeys()
    {
        string file = _temp.Write("plugin.json", """{ "timout": 30 }""");

        var error = Assert.Throws<ConfigurationException>(() => PluginManifestParser.Parse(file))!;

        Assert.That(error.File, Is.EqualTo(file));
        Assert.That(error.Key, Is.EqualTo("timout"));
        Assert.That(error.Message, Does.Contain("enabled, assemblies, timeout, retries, categories, where, environment, parameters, memoryLimitMB, cpuSeconds, user, isolation"));
    }

    [TestCase("""{ "enabled": "yes" }""", "enabled", "true or false")]
    [TestCase("""{ "timeout": 0 }""", "timeout", "greater than 0")]
    [TestCase("""{ "retries": -1 }""", "retries", "at least 0")]
    [TestCase("""{ "categories": "fast" }""", "categories", "an array of strings")]
    [TestCase("""{ "assemblies": [1] }""", "assemblies", "an array of strings")]
    [TestCase("""{ "assemblies": ["../other/Other.dll"] }""", "assemblies", "relative to the plugin folder")]
    [TestCase("""{ "environment": { "LIMIT": 5 } }""", "environment.LIMIT", "a string")]
    [TestCase("""{ "environment": { "NODEMONITOR_SWIFT_KEY": "x" } }""", "environment", "NODEMONITOR_SWIFT_KEY is the name of a NodeMonitor secret")]
    [TestCase("""{ "environment": { "nodemonitor_etcd_password": "x" } }""", "environment", "NodeMonitor secret")]
    [TestCase("""{ "environment": { "A=B": "x" } }""", "environment", "not a variable name")]
    [TestCase("""{ "memoryLimitMB": 8 }""", "memoryLimitMB", "at least 16")]
    [TestCase("""{ "memoryLimitMB": "1G" }""", "memoryLimitMB", "a whole number")]
    [TestCase("""{ "cpuSeconds": 0 }""", "cpuSeconds", "at least 1")]
    [TestCase("""{ "user": "root; rm -rf /" }""", "user", "an account name")]
    [TestCase("""{ "user": "-o" }""", "user", "an account name")]
    [TestCase("""{ "isolation": "container" }""", "isolation", "expected \"process\" or \"shared\"")]
    [TestCase("""{ "isolation": true }""", "isolation", "a string")]
    public void AWrongValueSaysWhatWasExpected(string json, string key, string expected)
    {
        string file = _temp.Write("plugin.json", json);

        var error = Assert.Throws<ConfigurationException>(() => PluginManifestParser.Parse(file))!;

        Assert.That(error.Key, Is.EqualTo(key));
        Assert.That(error.Message, Does.Contain(expected));
    }

    [Test]
    public void MalformedJsonIsAnErrorWithLineAndPosition()
    {
        string file = _temp.Write("plugin.json", "{\n  \"enabled\": tru\n}");

        var error = Assert.Throws<ConfigurationException>(() => PluginManifestParser.Parse(file))!;

        Assert.That(error.Describe(), Does.StartWith($"{file}:2:14: invalid JSON: 'tru }}' is an invalid JSON literal."));
    }
}

public sealed class PluginScopeTests
{
    private TempFolder _temp = null!;

    [SetUp] public void CreateFolder() => _temp = new TempFolder();
    [TearDown] public void DeleteFolder() => _temp.Dispose();

    [TestCase("{}", PluginScope.Node)]
    [TestCase("""{ "scope": "node" }""", PluginScope.Node)]
    [TestCase("""{ "scope": "cluster" }""", PluginScope.Cluster)]
    public void TheScopeIsReadAndDefaultsToNode(string json, PluginScope expected) =>
        Assert.That(PluginManifestParser.Parse(_temp.Write("plugin.json", json)).Scope, Is.EqualTo(expected));

    [Test]
    public void AnUnknownScopeIsAnErrorNamingTheValidOnes()
    {
        var error = Assert.Throws<ConfigurationException>(() => PluginManifestParser.Parse(_temp.Write("plugin.json", """{ "scope": "fleet" }""")))!;

        Assert.That(error.Message, Does.Contain("\"node\" or \"cluster\"").And.Contain("fleet"));
    }
}
