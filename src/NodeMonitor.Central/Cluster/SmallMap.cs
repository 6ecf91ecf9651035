using System.Diagnostics.CodeAnalysis;

namespace NodeMonitor.Central.Cluster;

/// <summary>A node's labels or facts: a few pairs, read-only, kept in the order they were read. A snapshot holds one of
/// each per node, so it is an array of pairs rather than a hash table (a third of the memory); lookups scan it.</summary>
public sealed class SmallMap : IReadOnlyDictionary<string, string>
{
    private readonly KeyValuePair<string, string>[] _pairs;

    public static SmallMap Empty { get; } = new([]);

    /// <param name="pairs">Distinct keys; the map keeps the array.</param>
    public SmallMap(KeyValuePair<string, string>[] pairs) => _pairs = pairs;

    public int Count => _pairs.Length;

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no entry named {key}");

    public IEnumerable<string> Keys => _pairs.Select(p => p.Key);

    public IEnumerable<string> Values => _pairs.Select(p => p.Value);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        foreach (var pair in _pairs)
        {
            if (!string.Equals(pair.Key, key, StringComparison.Ordinal)) continue;
            value = pair.Value;
            return true;
        }
        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_pairs).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
