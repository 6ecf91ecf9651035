using System.Globalization;
using NodeMonitor.Checks.Cluster;
using NUnit.Framework;

namespace NodeMonitor.Samples.ClusterChecks;

/// <summary>Aggregated checks over the whole cluster. On a node they run only where the aggregator election is held,
/// on the snapshot the runner took; at a desk, point NODEMONITOR_CLUSTER_VIEW at a saved snapshot.</summary>
public sealed class ClusterChecks
{
    private static double Setting(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    [Test]
    public void AtMostTenPercentOfWebNodesFail() =>
        Assert.That(ClusterRules.WebNodesFailing(ClusterView.Current, Setting("NM_WEB_FAILING_PERCENT", 10)), Is.Null);

    [Test]
    public void ExactlyOneNodeIsThePostgresPrimary() =>
        Assert.That(ClusterRules.OnePostgresPrimary(ClusterView.Current), Is.Null);

    [Test]
    public void EveryDataCentreHasAtLeastTwoLiveNodes() =>
        Assert.That(ClusterRules.EveryDcHasTwoLiveNodes(ClusterView.Current), Is.Null);

    [Test]
    public void ClockOffsetsSpreadLessThan100Milliseconds() =>
        Assert.That(ClusterRules.ClockSpread(ClusterView.Current, Setting("NM_CLOCK_SPREAD_MS", 100)), Is.Null);
}
