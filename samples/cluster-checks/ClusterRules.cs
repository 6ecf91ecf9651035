using System.Globalization;
using NodeMonitor.Checks.Cluster;

namespace NodeMonitor.Samples.ClusterChecks;

/// <summary>The rules, each a function of the view returning what is wrong (null: nothing), so they can be checked
/// against recorded snapshots as well as run against the live one.</summary>
public static class ClusterRules
{
    /// <summary>At most <paramref name="percent"/> % of the role=web nodes have a failure record.</summary>
    public static string? WebNodesFailing(ClusterView view, double percent)
    {
        var web = view.WithLabel("role", "web");
        if (web.Count == 0) return "no live node has the label role=web";
        var failing = web.Where(view.IsFailing).Select(n => n.Node).ToList();
        double share = 100.0 * failing.Count / web.Count;
        return share <= percent ? null
            : $"{failing.Count} of {web.Count} web nodes fail ({share:0.#} % > {percent} %): {string.Join(", ", failing)}";
    }

    /// <summary>Exactly one live node publishes the fact postgres.role=primary.</summary>
    public static string? OnePostgresPrimary(ClusterView view)
    {
        var primaries = view.WithFact("postgres.role", "primary").Select(n => n.Node).ToList();
        return primaries.Count == 1 ? null
            : primaries.Count == 0 ? "no live node is the postgres primary"
            : $"{primaries.Count} postgres primaries (split brain?): {string.Join(", ", primaries)}";
    }

    /// <summary>Every data centre (label dc) has at least two live nodes.</summary>
    public static string? EveryDcHasTwoLiveNodes(ClusterView view)
    {
        var thin = view.GroupByLabel("dc").Where(dc => dc.Value.Count < 2).Select(dc => $"{dc.Key} ({dc.Value.Count})").ToList();
        return thin.Count == 0 ? null : $"data centres with fewer than 2 live nodes: {string.Join(", ", thin)}";
    }

    /// <summary>The nodes' clock offsets (fact clock.offset_ms, published by each node's own time check) span less than
    /// <paramref name="maxSpreadMs"/> milliseconds.</summary>
    public static string? ClockSpread(ClusterView view, double maxSpreadMs)
    {
        var offsets = view.Nodes
            .Select(n => (n.Node, Ok: n.Facts.TryGetValue("clock.offset_ms", out var text), Text: text))
            .Where(o => o.Ok && double.TryParse(o.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .Select(o => (o.Node, Ms: double.Parse(o.Text!, CultureInfo.InvariantCulture)))
            .OrderBy(o => o.Ms).ToList();
        if (offsets.Count < 2) return null;
        double spread = offsets[^1].Ms - offsets[0].Ms;
        return spread < maxSpreadMs ? null
            : $"clock offsets span {spread:0.#} ms (>= {maxSpreadMs} ms): {offsets[0].Node} {offsets[0].Ms:0.#} ms .. {offsets[^1].Node} {offsets[^1].Ms:0.#} ms";
    }
}
