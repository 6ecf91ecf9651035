using NodeMonitor.Central;

namespace NodeMonitor.Notify;

/// <summary>
/// Compares what people should know about a node now (its record's failing tests minus the silenced ones) with what
/// they were told, and turns each difference into one <see cref="NodeChange"/>, updating the ledger. Because it works
/// on state, not on events, the same comparison serves a live change, a silence that ends, a restart and a
/// reconciliation after etcd compacted its history: each sends exactly the difference.
/// </summary>
public static class ChangePlanner
{
    public static IReadOnlyList<NodeChange> Plan(IEnumerable<string> nodes, FailureView view, IReadOnlyCollection<Silence> silences,
        Func<string, IReadOnlyDictionary<string, string>?> labelsOf, ToldLedger told, DateTimeOffset now, Func<string, DateTimeOffset> observedAt)
    {
        var changes = new List<NodeChange>();
        var active = silences.Where(s => s.IsActiveAt(now)).ToList();
        foreach (string node in nodes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            if (PlanNode(node, view.Get(node), view.ChangedAt(node), active, labelsOf(node), told, now, observedAt(node)) is { } change) changes.Add(change);
        return changes;
    }

    /// <summary>The change of one node whose record is <paramref name="entry"/> (null: none), or null when people know.</summary>
    public static NodeChange? PlanNode(string node, (FailureRecord Record, long Revision)? entry, long changedAt,
        IReadOnlyCollection<Silence> active, IReadOnlyDictionary<string, string>? labels, ToldLedger told, DateTimeOffset now, DateTimeOffset observedAt)
    {
        var seen = entry is { } e ? SilencedFailure.Of(e.Record, active, now, labels) : null;
        IReadOnlyList<string> should = seen?.Unsilenced ?? [];
        var before = told.Of(node);
        if (should.SequenceEqual(before, StringComparer.Ordinal)) return null;
        var kind = before.Count == 0 ? ChangeKind.Failing
            : should.Count > 0 ? ChangeKind.Changed
            : entry is null ? ChangeKind.Recovered : ChangeKind.Silenced;
        int silenced = seen is null ? 0 : seen.Items.Count(i => i.SilencedBy is not null) + (seen.UnlistedSilencedBy is null ? 0 : seen.UnlistedTests);
        told.Set(node, should);
        return new NodeChange(kind, node, should,
            should.Except(before, StringComparer.Ordinal).ToList(), before.Except(should, StringComparer.Ordinal).ToList(),
            silenced, changedAt, entry?.Record.TempUrl ?? entry?.Record.ObjectUrl, observedAt);
    }

    /// <summary>True when people were told something else than <paramref name="entry"/> shows now.</summary>
    public static bool Untold(string node, (FailureRecord Record, long Revision)? entry, IReadOnlyCollection<Silence> active,
        IReadOnlyDictionary<string, string>? labels, ToldLedger told, DateTimeOffset now) =>
        !(entry is { } e ? SilencedFailure.Of(e.Record, active, now, labels).Unsilenced : []).SequenceEqual(told.Of(node), StringComparer.Ordinal);
}
