using NodeMonitor.Checks.Cluster;
using NUnit.Framework;

namespace NodeMonitor.Checks.Tests.Cluster;

// Inside the namespace: NodeMonitor.Checks has an internal Fact of its own (what a resource constraint asks).
using Fact = NodeMonitor.Checks.Cluster.Fact;

/// <summary>The author API of cluster plugins: the view from NODEMONITOR_CLUSTER_VIEW, Inconclusive without one, and
/// facts that are not published at a desk.</summary>
[NonParallelizable]
public sealed class ClusterViewTests
{
    private string? _saved;
    private string _dir = "";

    [SetUp]
    public void SetUp()
    {
        _saved = Environment.GetEnvironmentVariable(ClusterView.Variable);
        _dir = Directory.CreateTempSubdirectory("nm-view-").FullName;
    }

    [TearDown]
    public void TearDown()
    {
        Environment.SetEnvironmentVariable(ClusterView.Variable, _saved);
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public void WithoutAViewTheTestIsInconclusiveAndSaysWhy()
    {
        Environment.SetEnvironmentVariable(ClusterView.Variable, null);

        var error = Assert.Throws<InconclusiveException>(() => _ = ClusterView.Current)!;

        Assert.That(error.Message, Does.Contain("no cluster view").And.Contain(ClusterView.Variable));
    }

    [Test]
    public void AViewFileThatIsMissingOrBrokenIsInconclusiveNotACrash()
    {
        string broken = Path.Combine(_dir, "broken.json");
        File.WriteAllText(broken, "{ not json");

        Environment.SetEnvironmentVariable(ClusterView.Variable, Path.Combine(_dir, "missing.json"));
        Assert.Throws<InconclusiveException>(() => _ = ClusterView.Current);
        Environment.SetEnvironmentVariable(ClusterView.Variable, broken);
        Assert.Throws<InconclusiveException>(() => _ = ClusterView.Current);
    }

    [Test]
    public void TheViewSelectsNodesByLabelAndFactAndKnowsWhichFail()
    {
        Environment.SetEnvironmentVariable(ClusterView.Variable, Write("""
            {"revision": 42, "takenAt": "2026-03-01T12:00:00Z",
             "nodes": [
               {"node": "web-1", "labels": {"role": "web", "dc": "ams1"}, "facts": {}, "lastSeen": "2026-03-01T11:59:00Z"},
               {"node": "web-2", "labels": {"role": "web", "dc": "fra1"}, "facts": {}, "lastSeen": "2026-03-01T11:59:00Z"},
               {"node": "db-1", "labels": {"role": "db", "dc": "ams1"}, "facts": {"postgres.role": "primary"}, "lastSeen": "2026-03-01T11:58:00Z"}],
             "failures": [{"node": "web-2", "failingTests": ["http: Http.Up"], "failingTotal": 1, "since": "2026-03-01T11:00:00Z"}],
             "silences": []}
            """));

        var view = ClusterView.Current;

        Assert.That(view.Revision, Is.EqualTo(42));
        Assert.That(view.WithLabel("role", "web").Select(n => n.Node), Is.EqualTo(new[] { "web-1", "web-2" }));
        Assert.That(view.WithFact("postgres.role", "primary").Single().Node, Is.EqualTo("db-1"));
        Assert.That(view.GroupByLabel("dc")["ams1"].Select(n => n.Node), Is.EqualTo(new[] { "web-1", "db-1" }));
        Assert.That(view.WithLabel("role", "web").Where(view.IsFailing).Select(n => n.Node), Is.EqualTo(new[] { "web-2" }));
        Assert.That(view.FailureOf("web-2")!.FailingTests, Is.EqualTo(new[] { "http: Http.Up" }));
    }

    [Test]
    public void AtADeskAFactIsNotPublishedAndTheTestCanSeeThat()
    {
        Assert.That(Fact.IsPublishing, Is.False);
        Assert.That(Fact.Publish("postgres.role", "primary"), Is.False);
        Assert.That(TestContext.CurrentContext.Test.Properties.ContainsKey(Fact.PropertyName), Is.False);
    }

    [TestCase("")]
    [TestCase("-leading")]
    [TestCase("has space")]
    public void ABadFactNameIsAnArgumentError(string name) =>
        Assert.Throws<ArgumentException>(() => Fact.Publish(name, "x"));

    private string Write(string json)
    {
        string path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
