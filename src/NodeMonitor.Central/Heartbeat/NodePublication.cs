using System.Text.Json;

namespace NodeMonitor.Central;

/// <summary>What a node tells the cluster about itself in its heartbeat: its configured labels and the facts its tests
/// published (already bounded; <see cref="FactsDropped"/> counts what did not fit). A change of either is a reason to
/// write the heartbeat before it is due; <see cref="Fingerprint"/> is what the node remembers to notice that change.</summary>
public sealed record NodePublication(IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Facts, int FactsDropped)
{
    public static readonly NodePublication None = new(new Dictionary<string, string>(), new Dictionary<string, string>(), 0);

    /// <summary>Canonical text of labels, facts and the dropped count (names in ordinal order).</summary>
    public string Fingerprint => JsonSerializer.Serialize(new object[]
    {
        Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new[] { l.Key, l.Value }),
        Facts.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new[] { f.Key, f.Value }),
        FactsDropped,
    });
}
