using NUnit.Framework;
using NodeMonitor.Core.Configuration;

namespace NodeMonitor.Core.Tests.Configuration;

public sealed class NodeLabelsTests
{
    private static readonly IReadOnlyDictionary<string, string?> NoEnvironment = new Dictionary<string, string?>();

    private TempFolder _temp = null!;

    [SetUp] public void CreateFolder() => _temp = new TempFolder();
    [TearDown] public void DeleteFolder() => _temp.Dispose();

    [Test]
    public void LabelsAreReadFromTheFileBesideTheNodeName()
    {
        var config = ConfigLoader.Load(_temp.Write("nodemonitor.json", """{ "node": "web-1", "labels": { "role": "web", "dc": "ams1" } }"""), NoEnvironment);

        Assert.That(config.Labels, Is.EqualTo(new Dictionary<string, string> { ["role"] = "web", ["dc"] = "ams1" }));
    }

    [Test]
    public void TheEnvironmentReplacesTheFilesLabels()
    {
        var config = ConfigLoader.Load(_temp.Write("nodemonitor.json", """{ "labels": { "role": "web" } }"""),
            new Dictionary<string, string?> { ["NODEMONITOR_LABELS"] = "role=db, dc=fra1" });

        Assert.That(config.Labels, Is.EqualTo(new Dictionary<string, string> { ["role"] = "db", ["dc"] = "fra1" }));
    }

    [TestCase("""{ "labels": { "bad name": "x" } }""", "labels.bad name")]
    [TestCase("""{ "labels": { "role": 3 } }""", "labels.role")]
    [TestCase("""{ "labels": ["role"] }""", "labels")]
    public void ABadLabelIsAConfigurationErrorNamingIt(string json, string key)
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(_temp.Write("nodemonitor.json", json), NoEnvironment))!;

        Assert.That(error.Key, Is.EqualTo(key));
    }

    [Test]
    public void MoreThanTheBoundOfLabelsIsAnError()
    {
        var labels = string.Join(",", Enumerable.Range(0, NodeLabels.MaxLabels + 1).Select(i => $"\"l{i}\": \"v\""));

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(_temp.Write("nodemonitor.json", $$"""{ "labels": { {{labels}} } }"""), NoEnvironment))!;

        Assert.That(error.Message, Does.Contain($"at most {NodeLabels.MaxLabels}"));
    }

    [Test]
    public void TheRunIntervalSetsTheAggregatorLeaseToThreeIntervals()
    {
        var config = ConfigLoader.Load(_temp.Write("nodemonitor.json", """{ "report": { "runIntervalSeconds": 30 } }"""), NoEnvironment);

        Assert.That(config.Report.AggregatorLease, Is.EqualTo(TimeSpan.FromSeconds(90)));
    }
}
