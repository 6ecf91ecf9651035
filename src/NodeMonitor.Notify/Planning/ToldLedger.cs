namespace NodeMonitor.Notify;

/// <summary>What people have been told is failing, per node: the unsilenced failing tests of the last change sent.
/// A node told nothing (or told it recovered) has no entry.</summary>
public sealed class ToldLedger
{
    private readonly Dictionary<string, IReadOnlyList<string>> _told;

    public ToldLedger(IReadOnlyDictionary<string, IReadOnlyList<string>>? told = null) =>
        _told = new Dictionary<string, IReadOnlyList<string>>(told ?? new Dictionary<string, IReadOnlyList<string>>(), StringComparer.Ordinal);

    public IEnumerable<string> Nodes => _told.Keys;

    public int Count => _told.Count;

    public IReadOnlyList<string> Of(string node) => _told.TryGetValue(node, out var tests) ? tests : [];

    public void Set(string node, IReadOnlyList<string> failing)
    {
        if (failing.Count == 0) _told.Remove(node);
        else _told[node] = failing;
    }

    /// <summary>Makes this ledger what <paramref name="other"/> says.</summary>
    public void ReplaceWith(ToldLedger other)
    {
        _told.Clear();
        foreach (var (node, tests) in other._told) _told[node] = tests;
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Snapshot() =>
        new Dictionary<string, IReadOnlyList<string>>(_told, StringComparer.Ordinal);
}
