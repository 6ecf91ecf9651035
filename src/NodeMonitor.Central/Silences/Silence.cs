using System.IO.Enumeration;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NodeMonitor.Central;

/// <summary>
/// The value of <c>&lt;prefix&gt;silences/&lt;id&gt;</c>: who is not told about which failing tests, from when until when.
/// Globs match with <c>*</c> and <c>?</c>; a null plugin or test glob matches every plugin or test. The stored
/// <see cref="EndsAt"/> is what counts: a silence past it is ignored even while its key lingers.
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
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public bool IsActiveAt(DateTimeOffset now) => StartsAt <= now && now < EndsAt;

    /// <summary>True when the silence covers this failing test (<paramref name="test"/> null: the plugin itself failed,
    /// which only a silence without a test glob covers).</summary>
    public bool Matches(string node, string plugin, string? test) =>
        Glob(Node, node)
        && (Plugin is null || Glob(Plugin, plugin))
        && (Test is null || (test is not null && Glob(Test, test)));

    /// <summary>True when the silence covers everything failing on <paramref name="node"/>, listed or not.</summary>
    public bool CoversWholeNode(string node) => Plugin is null && Test is null && Glob(Node, node);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Null when the text is not a silence (a foreign or damaged key is skipped, never fatal).</summary>
    public static Silence? FromJson(string json)
    {
        try
        {
            var silence = JsonSerializer.Deserialize<Silence>(json, Json);
            return silence is { Id.Length: > 0, Node.Length: > 0 } ? silence : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool Glob(string pattern, string value) => FileSystemName.MatchesSimpleExpression(pattern, value, ignoreCase: false);
}
