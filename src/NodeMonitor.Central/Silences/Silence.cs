using System.IO.Enumeration;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NodeMonitor.Central;

/// <summary>
/// The value of <c>&lt;prefix&gt;silences/&lt;id&gt;</c>: who is not told about which failing tests, from when until when.
/// Globs match with <c>*</c> and <c>?</c>; a null plugin or test glob matches every plugin or test. <see cref="Labels"/>,
/// when present, also requires each named node label to exist with a value matching its glob (a node whose labels are
/// unknown is not covered: people are told rather than not). The stored <see cref="EndsAt"/> is what counts: a silence
/// past it is ignored even while its key lingers.
/// </summary>
public sealed record Silence(
    string Id,
    string Node,
    string? Plugin,
    string? Test,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Author,
    string Reason,
    DateTimeOffset CreatedAt)
{
    /// <summary>Node label name → value glob; null (the JSON of silences made before labels) matches any node.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public bool IsActiveAt(DateTimeOffset now) => StartsAt <= now && now < EndsAt;

    /// <summary>True when the silence covers this failing test (<paramref name="test"/> null: the plugin itself failed,
    /// which only a silence without a test glob covers) of a node with <paramref name="nodeLabels"/> (null: unknown).</summary>
    public bool Matches(string node, string plugin, string? test, IReadOnlyDictionary<string, string>? nodeLabels = null) =>
        MatchesNode(node, nodeLabels)
        && (Plugin is null || Glob(Plugin, plugin))
        && (Test is null || (test is not null && Glob(Test, test)));

    /// <summary>True when the silence covers everything failing on <paramref name="node"/>, listed or not.</summary>
    public bool CoversWholeNode(string node, IReadOnlyDictionary<string, string>? nodeLabels = null) =>
        Plugin is null && Test is null && MatchesNode(node, nodeLabels);

    /// <summary>The node glob and every label glob match.</summary>
    public bool MatchesNode(string node, IReadOnlyDictionary<string, string>? nodeLabels) =>
        MatchesNodeName(node)
        && (Labels is not { Count: > 0 } wanted
            || (nodeLabels is not null && wanted.All(l => nodeLabels.TryGetValue(l.Key, out var value) && Glob(l.Value, value))));

    /// <summary>True when the node glob matches <paramref name="node"/>: whether the node's labels are worth reading.</summary>
    public bool MatchesNodeName(string node) => Glob(Node, node);

    /// <summary>The matchers as one line: <c>node web-* label rack=r1 plugin disk test *Inodes*</c>.</summary>
    [JsonIgnore]
    public string Matchers =>
        $"node {Node}{string.Concat((Labels ?? new Dictionary<string, string>()).Select(l => $" label {l.Key}={l.Value}"))}" +
        $"{(Plugin is null ? "" : $" plugin {Plugin}")}{(Test is null ? "" : $" test {Test}")}";

    public string ToJson() => JsonSerializer.Serialize(this, CentralWireJson.Default.Silence);

    /// <summary>Null when the text is not a silence (a foreign or damaged key is skipped, never fatal).</summary>
    public static Silence? FromJson(string json)
    {
        try
        {
            var silence = JsonSerializer.Deserialize(json, CentralWireJson.Default.Silence);
            return silence is { Id.Length: > 0, Node.Length: > 0 } ? silence : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool Glob(string pattern, string value) => FileSystemName.MatchesSimpleExpression(pattern, value, ignoreCase: false);
}
