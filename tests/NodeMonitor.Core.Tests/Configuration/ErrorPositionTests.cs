using NUnit.Framework;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Discovery;

namespace NodeMonitor.Core.Tests.Configuration;

/// <summary>Every mistake in a configuration file or a plugin.json is reported at one position, line and column counted
/// from 1 as editors count them, whichever rule finds it.</summary>
public sealed class ErrorPositionTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];
    private TempFolder _temp = null!;

    [SetUp] public void CreateFolder() => _temp = new TempFolder();
    [TearDown] public void DeleteFolder() => _temp.Dispose();

    // Each text marks the expected position with '@' (removed before writing).
    [TestCase("{\n  \"node\": \"a\",\n  \"parallel\": @\"x\"\n}", "parallel", TestName = "a value of the wrong type")]
    [TestCase("{\n  \"parallel\": @0\n}", "parallel", TestName = "a number out of range")]
    [TestCase("{\n  \"node\": \"a\",\n  @\"paralel\": 2\n}", "paralel", TestName = "an unknown key")]
    [TestCase("{\n  \"retention\": {\n    \"days\": 3,\n    @\"dayz\": 3\n  }\n}", "retention.dayz", TestName = "an unknown nested key")]
    [TestCase("{\n  \"retention\": {\n    \"maxMegabytes\": @-1\n  }\n}", "retention.maxMegabytes", TestName = "a nested value")]
    [TestCase("{ \"node\": \"a\",\n  @\"node\": \"b\" }", "node", TestName = "a key given twice, at its second place")]
    [TestCase("{ \"node\": @\"../x\" }", "node", TestName = "a node name checked apart from the section")]
    [TestCase("{ /* über */ \"pluginRoot\": \"/p\",\n \"stateDirectory\": @\"/p/state\" }", "stateDirectory", TestName = "a rule across two keys")]
    [TestCase("{ \"serve\": { \"port\": @70000 } }", "serve.port", TestName = "a later section")]
    [TestCase("{\n  \"node\": \"ä\",  \"x\": @tru\n}", null, TestName = "broken JSON after non-ASCII text, column in characters")]
    [TestCase("{\n  \"node\": \"a\"\n  @\"parallel\": 2\n}", null, TestName = "a missing comma")]
    public void TheConfigurationFileErrorPointsAtTheMistake(string marked, string? key)
    {
        var (text, expected) = Unmark(marked);
        string file = _temp.Write("nodemonitor.json", text);

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(file, NoEnvironment))!;

        Assert.That(error.Key, Is.EqualTo(key), error.Describe());
        Assert.That(error.Position, Is.EqualTo(expected), error.Describe());
        Assert.That(error.Describe(), Does.StartWith($"{file}:{expected.Line}:{expected.Column}: "));
    }

    [TestCase("{\n  \"timeout\": @\"60\"\n}", "timeout")]
    [TestCase("{\n  \"environment\": { \"A\": \"1\",\n    \"LIMIT\": @5 }\n}", "environment.LIMIT")]
    [TestCase("{\n  \"user\": @\"-o\"\n}", "user")]
    [TestCase("{\n  \"where\": @\"cat == (slow\"\n}", "where")]
    [TestCase("{\n  @\"timout\": 30\n}", "timout")]
    public void ThePluginManifestErrorPointsAtTheMistake(string marked, string key)
    {
        var (text, expected) = Unmark(marked);
        string file = _temp.Write("plugin.json", text);

        var error = Assert.Throws<ConfigurationException>(() => PluginManifestParser.Parse(file))!;

        Assert.That(error.Key, Is.EqualTo(key));
        Assert.That(error.Describe(), Does.StartWith($"{file}:{expected.Line}:{expected.Column}: '{key}': "));
    }

    [Test]
    public void AnEnvironmentErrorHasNoFilePosition()
    {
        string file = _temp.Write("nodemonitor.json", "{\n  \"parallel\": 2\n}");

        var error = Assert.Throws<ConfigurationException>(() =>
            ConfigLoader.Load(file, new Dictionary<string, string?> { ["NODEMONITOR_PARALLEL"] = "many" }))!;

        Assert.That(error.Position, Is.Null);
        Assert.That(error.Describe(), Does.StartWith("environment: 'NODEMONITOR_PARALLEL': "));
    }

    private static (string Text, SourcePosition Position) Unmark(string marked)
    {
        int at = marked.IndexOf('@', StringComparison.Ordinal);
        string before = marked[..at];
        int line = before.Count(c => c == '\n') + 1;
        int column = at - (before.LastIndexOf('\n') + 1) + 1;
        return (marked.Remove(at, 1), new SourcePosition(line, column));
    }
}
