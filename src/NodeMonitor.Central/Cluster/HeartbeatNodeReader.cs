using System.Text.Json;

namespace NodeMonitor.Central.Cluster;

/// <summary>
/// Turns a heartbeat value (<c>&lt;prefix&gt;nodes/&lt;node&gt;</c>) into the <see cref="ClusterNode"/> a snapshot keeps,
/// straight from etcd's UTF-8 bytes: no string of the whole value, no <see cref="HeartbeatValue"/> in between, and label
/// and fact texts shared between nodes. Only the exact shape <see cref="HeartbeatValue.ToJson"/> writes is read here;
/// anything else (another casing of a name, a number in quotes, a repeated name, a null where a text belongs, broken
/// JSON) goes to <see cref="HeartbeatValue.FromJson"/>, so both readers agree on every value.
/// </summary>
internal sealed class HeartbeatNodeReader
{
    private static readonly string[] Known =
        ["node", "version", "lastRun", "lastRunStart", "lastRunEnd", "passed", "tests", "failed", "writtenAt", "intervalSeconds",
         "labels", "facts", "factsDropped", "expiresAt"];

    private static readonly byte[][] KnownUtf8 = [.. Known.Select(System.Text.Encoding.UTF8.GetBytes)];

    private readonly SharedStrings _strings = new();

    /// <summary>The node named <paramref name="node"/> (by its key) as <paramref name="value"/> describes it; null when the
    /// value is not a heartbeat.</summary>
    public ClusterNode? Read(string node, ReadOnlySpan<byte> value, long modRevision)
    {
        try
        {
            if (TryReadExact(node, value, modRevision) is { } exact) return exact;
        }
        catch (JsonException)
        {
            // Not the shape written by HeartbeatValue: the general reader decides.
        }
        if (HeartbeatValue.FromJson(System.Text.Encoding.UTF8.GetString(value)) is not { } general) return null;
        return new ClusterNode(node, general.Labels ?? SmallMap.Empty, general.Facts ?? SmallMap.Empty, general.WrittenAt,
            general.Version is null ? null : _strings.Get(general.Version), general.Passed, modRevision)
        {
            // The lease alone decides for a value that says nothing of its interval: it counts while its key exists.
            CountsUntil = general.CountsUntil ?? DateTimeOffset.MaxValue,
        };
    }

    /// <summary>The node, or null when the value is not exactly in <see cref="HeartbeatValue"/>'s own shape.</summary>
    private ClusterNode? TryReadExact(string node, ReadOnlySpan<byte> value, long modRevision)
    {
        var reader = new Utf8JsonReader(value);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        string? version = null;
        DateTimeOffset writtenAt = default;
        DateTimeOffset? expiresAt = null;
        double intervalSeconds = 0;
        bool passed = false;
        SmallMap? labels = null, facts = null;
        int seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int field = FieldOf(ref reader);
            if (field == -2) return null;
            if (!reader.Read()) return null;
            if (field == -1) { reader.Skip(); continue; }
            if ((seen & (1 << field)) != 0) return null;
            seen |= 1 << field;
            var token = reader.TokenType;
            switch (Known[field])
            {
                case "node" or "lastRun" when token is JsonTokenType.String or JsonTokenType.Null:
                    break;
                case "version" when token == JsonTokenType.String:
                    version = _strings.Text(ref reader);
                    break;
                case "version" when token == JsonTokenType.Null:
                    break;
                case "lastRunStart" or "lastRunEnd" when token == JsonTokenType.String && reader.TryGetDateTimeOffset(out _):
                    break;
                case "writtenAt" when token == JsonTokenType.String && reader.TryGetDateTimeOffset(out var written):
                    writtenAt = written;
                    break;
                case "expiresAt" when token == JsonTokenType.String && reader.TryGetDateTimeOffset(out var expires):
                    expiresAt = expires;
                    break;
                case "expiresAt" when token == JsonTokenType.Null:
                    break;
                case "passed" when token is JsonTokenType.True or JsonTokenType.False:
                    passed = reader.GetBoolean();
                    break;
                case "tests" or "failed" when token == JsonTokenType.Number && reader.TryGetInt32(out _):
                    break;
                case "factsDropped" when token == JsonTokenType.Null || (token == JsonTokenType.Number && reader.TryGetInt32(out _)):
                    break;
                case "intervalSeconds" when token == JsonTokenType.Number && reader.TryGetDouble(out var interval):
                    intervalSeconds = interval;
                    break;
                case "labels" when token == JsonTokenType.Null:
                case "facts" when token == JsonTokenType.Null:
                    break;
                case "labels" when (labels = _strings.ReadMap(ref reader)) is not null:
                case "facts" when (facts = _strings.ReadMap(ref reader)) is not null:
                    break;
                default:
                    return null;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return null;
        return new ClusterNode(node, labels ?? SmallMap.Empty, facts ?? SmallMap.Empty, writtenAt, version, passed, modRevision)
        {
            CountsUntil = HeartbeatValue.CountsUntilOf(expiresAt, writtenAt, intervalSeconds) ?? DateTimeOffset.MaxValue,
        };
    }

    /// <summary>The index of the property's name in <see cref="Known"/>; -1 for a name the heartbeat does not have (skipped,
    /// as the general reader skips it), -2 for one that differs from a known name only in case.</summary>
    private static int FieldOf(ref Utf8JsonReader reader)
    {
        for (int i = 0; i < KnownUtf8.Length; i++)
            if (reader.ValueTextEquals(KnownUtf8[i])) return i;
        string name = reader.GetString()!;
        return Known.Any(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) ? -2 : -1;
    }
}
