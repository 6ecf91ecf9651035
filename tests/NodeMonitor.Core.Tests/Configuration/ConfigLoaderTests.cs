using NUnit.Framework;
using NodeMonitor.Core.Configuration;

namespace NodeMonitor.Core.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];
    private TempFolder _temp = null!;

    [SetUp] public void CreateFolder() => _temp = new TempFolder();
    [TearDown] public void DeleteFolder() => _temp.Dispose();

    [Test]
    public void WithoutAFileOrVariablesEverySettingHasItsDefault()
    {
        var config = ConfigLoader.Load(_temp.Write("empty.json", "{}"), NoEnvironment);

        Assert.Multiple(() =>
        {
            Assert.That(config.Node, Is.EqualTo(NodeMonitorConfig.ShortHostName()).And.Not.Contain('.'));
            Assert.That(config.PluginRoot, Is.EqualTo("/var/lib/nodemonitor"));
            Assert.That(config.StateDirectory, Is.EqualTo("/var/lib/nodemonitor-state"));
            Assert.That(config.Parallel, Is.EqualTo(Environment.ProcessorCount));
            Assert.That(config.DefaultTimeout, Is.EqualTo(TimeSpan.FromSeconds(300)));
            Assert.That(config.Retention, Is.EqualTo(Storage.RetentionPolicy.Default));
        });
    }

    [Test]
    public void EverySettingCanBeSetInTheFile()
    {
        string file = _temp.Write("nodemonitor.json", """
            {
              // comments are allowed
              "node": "web1",
              "pluginRoot": "/opt/plugins",
              "stateDirectory": "/opt/state",
              "parallel": 3,
              "defaultTimeoutSeconds": 12.5,
              "retention": { "days": 7, "maxMegabytes": 10 }
            }
            """);

        var config = ConfigLoader.Load(file, NoEnvironment);

        Assert.That(config, Is.EqualTo(new NodeMonitorConfig("web1", "/opt/plugins", "/opt/state", 3, TimeSpan.FromSeconds(12.5),
            new Storage.RetentionPolicy(TimeSpan.FromDays(7), 10L * 1024 * 1024), file)));
    }

    [Test]
    public void RelativePathsInTheFileAreRelativeToTheFile()
    {
        string file = _temp.Write("etc/nodemonitor.json", """{ "pluginRoot": "plugins", "stateDirectory": "../state" }""");

        var config = ConfigLoader.Load(file, NoEnvironment);

        Assert.That(config.PluginRoot, Is.EqualTo(Path.Combine(_temp.Path, "etc", "plugins")));
        Assert.That(config.StateDirectory, Is.EqualTo(Path.Combine(_temp.Path, "state")));
    }

    [Test]
    public void EnvironmentVariablesOverrideTheFile()
    {
        string file = _temp.Write("nodemonitor.json", """{ "node": "from-file", "parallel": 2, "retention": { "days": 7 } }""");
        var environment = new Dictionary<string, string?>
        {
            ["NODEMONITOR_NODE"] = "from-env",
            ["NODEMONITOR_PARALLEL"] = "5",
            ["NODEMONITOR_PLUGIN_ROOT"] = "/srv/plugins",
            ["NODEMONITOR_STATE_DIRECTORY"] = "/srv/state",
            ["NODEMONITOR_DEFAULT_TIMEOUT_SECONDS"] = "60",
            ["NODEMONITOR_RETENTION_DAYS"] = "2",
            ["NODEMONITOR_RETENTION_MAX_MEGABYTES"] = "1",
        };

        var config = ConfigLoader.Load(file, environment);

        Assert.That(config, Is.EqualTo(new NodeMonitorConfig("from-env", "/srv/plugins", "/srv/state", 5, TimeSpan.FromSeconds(60),
            new Storage.RetentionPolicy(TimeSpan.FromDays(2), 1024 * 1024), file)));
    }

    [Test]
    public void AnEmptyEnvironmentVariableLeavesTheFileValue()
    {
        string file = _temp.Write("nodemonitor.json", """{ "node": "from-file" }""");

        var config = ConfigLoader.Load(file, new Dictionary<string, string?> { ["NODEMONITOR_NODE"] = "" });

        Assert.That(config.Node, Is.EqualTo("from-file"));
    }

    [Test]
    public void AnUnknownNestedKeyIsAnErrorNamingTheFileTheKeyPathAndTheValidKeys()
    {
        string file = _temp.Write("nodemonitor.json", """{ "retention": { "dayz": 3 } }""");

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(file, NoEnvironment))!;

        Assert.That(error.File, Is.EqualTo(file));
        Assert.That(error.Key, Is.EqualTo("retention.dayz"));
        Assert.That(error.Message, Does.Contain("days").And.Contain("maxMegabytes"));
    }

    [Test]
    public void AnUnknownTopLevelKeyListsEveryTopLevelKey()
    {
        string file = _temp.Write("nodemonitor.json", """{ "nodes": "x" }""");

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(file, NoEnvironment))!;

        Assert.That(error.Key, Is.EqualTo("nodes"));
        Assert.That(error.Message, Does.Contain("node, pluginRoot, stateDirectory, parallel, defaultTimeoutSeconds, retention"));
    }

    [TestCase("""{ "parallel": 0 }""", "parallel", "at least 1")]
    [TestCase("""{ "parallel": "4" }""", "parallel", "whole number")]
    [TestCase("""{ "parallel": 1.5 }""", "parallel", "whole number")]
    [TestCase("""{ "defaultTimeoutSeconds": -1 }""", "defaultTimeoutSeconds", "greater than 0")]
    [TestCase("""{ "node": 7 }""", "node", "a string")]
    [TestCase("""{ "retention": 30 }""", "retention", "an object")]
    [TestCase("""{ "retention": { "maxMegabytes": false } }""", "retention.maxMegabytes", "greater than 0")]
    public void ABadValueIsAnErrorSayingWhatWasExpected(string json, string key, string expected)
    {
        string file = _temp.Write("nodemonitor.json", json);

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(file, NoEnvironment))!;

        Assert.That(error.Key, Is.EqualTo(key));
        Assert.That(error.Message, Does.Contain(expected));
    }

    [Test]
    public void MalformedJsonIsAnErrorWithLineAndPosition()
    {
        string file = _temp.Write("nodemonitor.json", "{\n  \"node\": \"a\"\n  \"parallel\": 2\n}");

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(file, NoEnvironment))!;

        Assert.That(error.File, Is.EqualTo(file));
        Assert.That(error.Position, Is.EqualTo(new SourcePosition(3, 3)));
        Assert.That(error.Describe(), Does.StartWith($"{file}:3:3: invalid JSON: '\"' is invalid after a value."));
        Assert.That(error.Describe(), Does.Not.Contain("LineNumber").And.Not.Contain("BytePosition").And.Not.Contain("line 3"));
    }

    [Test]
    public void ABadEnvironmentValueIsAnErrorNamingTheVariable()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            ConfigLoader.Load(_temp.Write("c.json", "{}"), new Dictionary<string, string?> { ["NODEMONITOR_PARALLEL"] = "many" }))!;

        Assert.That(error.Key, Is.EqualTo("NODEMONITOR_PARALLEL"));
        Assert.That(error.Message, Does.Contain("whole number").And.Contain("many"));
    }

    [Test]
    public void AMissingExplicitFileIsAnError()
    {
        string missing = Path.Combine(_temp.Path, "nope.json");

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(missing, NoEnvironment))!;

        Assert.That(error.File, Is.EqualTo(missing));
    }

    [Test]
    public void AStateDirectoryInsideThePluginRootIsAnError()
    {
        string file = _temp.Write("c.json", """{ "pluginRoot": "/srv/plugins", "stateDirectory": "/srv/plugins/state" }""");

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(file, NoEnvironment))!;

        Assert.That(error.Key, Is.EqualTo("stateDirectory"));
    }

    [Test]
    public void AStateDirectoryBesideThePluginRootWithACommonPrefixIsFine()
    {
        string file = _temp.Write("c.json", """{ "pluginRoot": "/srv/plugins", "stateDirectory": "/srv/plugins-state" }""");

        Assert.That(ConfigLoader.Load(file, NoEnvironment).StateDirectory, Is.EqualTo("/srv/plugins-state"));
    }

    [Test]
    public void ValidateCatchesBadValuesSetByFlags()
    {
        var config = ConfigLoader.Load(_temp.Write("c.json", "{}"), NoEnvironment) with { Parallel = 0 };

        Assert.That(config.Validate, Throws.TypeOf<ConfigurationException>().With.Property("Key").EqualTo("parallel"));
    }

    [Test]
    public void TheDocumentationTableNamesAnEnvironmentVariableForEveryKey()
    {
        var variables = ConfigDocumentation.Keys.Select(k => k.Env).ToList();

        Assert.That(variables, Is.All.StartWith("NODEMONITOR_"));
        Assert.That(variables, Is.Unique);
    }
}
