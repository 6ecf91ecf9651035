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
        ToldLedger told, DateTimeOffset now, Func<string, DateTimeOffset> observedAt)
    {
        var changes = new List<NodeChange>();
        var active = silences.Where(s => s.IsActiveAt(now)).ToList();
        foreach (string node in nodes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var entry = view.Get(node);
            var seen = entry is { } e ? SilencedFailure.Of(e.Record, active, now) : null;
            IReadOnlyList<string> should = seen?.Unsilenced ?? [];
            var before = told.Of(node);
            if (should.SequenceEqual(before, StringComparer.Ordinal)) continue;
            var kind = before.Count == 0 ? ChangeKind.Failing
                : should.Count > 0 ? ChangeKind.Changed
                : entry is null ? ChangeKind.Recovered : ChangeKind.Silenced;
            int silenced = seen is null ? 0 : seen.Items.Count(i => i.SilencedBy is not null) + (seen.UnlistedSilencedBy is null ? 0 : seen.UnlistedTests);
            changes.Add(new NodeChange(kind, node, should,
                should.Except(before, StringComparer.Ordinal).ToList(), before.Except(should, StringComparer.Ordinal).ToList(),
                silenced, view.ChangedAt(node), entry?.Record.TempUrl ?? entry?.Record.ObjectUrl, observedAt(node)));
            told.Set(node, should);
        }
        return changes;
    }
}
