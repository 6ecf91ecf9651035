using System.Text.Json;
using NodeMonitor.Core.Configuration;

namespace NodeMonitor.Core.Results;

/// <summary>
/// Facts a run's tests published (NodeMonitor.Checks' <c>Fact.Publish</c>): a test property named
/// <see cref="PropertyName"/> holding <c>{"name","value"}</c>. The node keeps each fact until its plugin completes a run
/// without publishing it again, and sends them in the heartbeat, bounded: at most <see cref="MaxFacts"/> facts of at most
/// <see cref="MaxValueLength"/> characters each, <see cref="MaxTotalBytes"/> bytes of names and values together.
/// </summary>
public static class PublishedFacts
{
    /// <summary>Same text as NodeMonitor.Checks.Cluster.Fact.PropertyName (the two packages share no code).</summary>
    public const string PropertyName = "nodemonitor.fact";

    public const int MaxFacts = 64;
    public const int MaxValueLength = 1024;
    public const int MaxTotalBytes = 16 * 1024;

    /// <summary>The facts each plugin of <paramref name="run"/> published (the last value of a name wins), and the
    /// properties that could not be read, each "plugin: why".</summary>
    public static (IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ByPlugin, IReadOnlyList<string> Rejected) From(RunResult run)
    {
        var byPlugin = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var rejected = new List<string>();
        foreach (var plugin in run.Plugins)
        {
            var facts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var test in plugin.Tests.OrderBy(t => t.StartTime + t.Duration))
            foreach (var (key, json) in test.Properties)
            {
                if (key != PropertyName) continue;
                if (Parse(json) is { } fact) facts[fact.Name] = fact.Value;
                else rejected.Add($"{plugin.Name}: {test.FullName}: unreadable fact {json[..Math.Min(json.Length, 80)]}");
            }
            byPlugin[plugin.Name] = facts;
        }
        return (byPlugin, rejected);
    }

    /// <summary>The facts that fit the bounds, in name order; the rest are counted as dropped.</summary>
    public static (SortedDictionary<string, string> Kept, int Dropped) Bound(IEnumerable<KeyValuePair<string, string>> facts)
    {
        var kept = new SortedDictionary<string, string>(StringComparer.Ordinal);
        int dropped = 0, bytes = 0;
        foreach (var (name, value) in facts.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            int size = System.Text.Encoding.UTF8.GetByteCount(name) + System.Text.Encoding.UTF8.GetByteCount(value);
            if (kept.Count >= MaxFacts || bytes + size > MaxTotalBytes) { dropped++; continue; }
            kept[name] = value;
            bytes += size;
        }
        return (kept, dropped);
    }

    private static (string Name, string Value)? Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("value", out var v) || v.ValueKind != JsonValueKind.String) return null;
            string name = n.GetString()!, value = v.GetString()!;
            return NodeLabels.NameProblem(name) is null && NodeLabels.ValueProblem(value, MaxValueLength) is null ? (name, value) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
