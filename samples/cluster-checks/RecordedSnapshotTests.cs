using NodeMonitor.Checks.Cluster;
using NUnit.Framework;

namespace NodeMonitor.Samples.ClusterChecks;

/// <summary>The rules against recorded snapshots: each passes on the healthy cluster and catches its fault on the
/// broken one. Category "recorded", which plugin.json's "where" leaves out on nodes.</summary>
[Category("recorded")]
public sealed class RecordedSnapshotTests
{
    private static ClusterView Snapshot(string name) =>
        ClusterView.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "snapshots", name));

    [Test]
    public void EveryRulePassesOnTheHealthyCluster()
    {
        var view = Snapshot("healthy.json");

        Assert.Multiple(() =>
        {
            Assert.That(ClusterRules.WebNodesFailing(view, 10), Is.Null);
            Assert.That(ClusterRules.OnePostgresPrimary(view), Is.Null);
            Assert.That(ClusterRules.EveryDcHasTwoLiveNodes(view), Is.Null);
            Assert.That(ClusterRules.ClockSpread(view, 100), Is.Null);
        });
    }

    [Test]
    public void EveryRuleCatchesItsFaultOnTheBrokenCluster()
    {
        var view = Snapshot("broken.json");

        Assert.Multiple(() =>
        {
            Assert.That(ClusterRules.WebNodesFailing(view, 10), Does.StartWith("2 of 4 web nodes fail"));
            Assert.That(ClusterRules.OnePostgresPrimary(view), Does.StartWith("2 postgres primaries"));
            Assert.That(ClusterRules.EveryDcHasTwoLiveNodes(view), Does.Contain("fra1 (1)"));
            Assert.That(ClusterRules.ClockSpread(view, 100), Does.StartWith("clock offsets span 240 ms"));
        });
    }

    [Test]
    public void AnEmptyClusterHasNoWebNodesToJudge() =>
        Assert.That(ClusterRules.WebNodesFailing(Snapshot("empty.json"), 10), Is.EqualTo("no live node has the label role=web"));
}
