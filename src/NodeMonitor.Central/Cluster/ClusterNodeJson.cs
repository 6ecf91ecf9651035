using System.Text.Json;
using System.Text.Json.Serialization;

namespace NodeMonitor.Central.Cluster;

/// <summary>
/// The JSON of a <see cref="ClusterNode"/> in a snapshot file, written and read without reflection: a snapshot of
/// 100,000 nodes is written by every aggregator turn and read back by the next. Written exactly as the serializer's
/// defaults for the record would (camelCase names in declaration order, nulls left out); read with label and fact texts
/// shared between nodes (<see cref="SharedStrings"/>).
/// </summary>
internal sealed class ClusterNodeJson : JsonConverter<ClusterNode>
{
    private readonly SharedStrings _strings = new();

    public override void Write(Utf8JsonWriter writer, ClusterNode value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("node"u8, value.Node);
        WriteMap(writer, "labels"u8, value.Labels);
        WriteMap(writer, "facts"u8, value.Facts);
        writer.WriteString("lastSeen"u8, value.LastSeen);
        if (value.Version is not null) writer.WriteString("version"u8, value.Version);
        if (value.LastRunPassed is { } passed) writer.WriteBoolean("lastRunPassed"u8, passed);
        writer.WriteNumber("modRevision"u8, value.ModRevision);
        if (value.CountsUntil is { } until) writer.WriteString("countsUntil"u8, until);
        writer.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyDictionary<string, string> map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, text) in map) writer.WriteString(key, text);
        writer.WriteEndObject();
    }

    /// <exception cref="JsonException">Not a node as <see cref="Write"/> writes one.</exception>
    public override ClusterNode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Read(ref reader);

    /// <inheritdoc cref="Read(ref Utf8JsonReader, Type, JsonSerializerOptions)"/>
    public ClusterNode Read(ref Utf8JsonReader reader)
    {
        var node = ReadFields(ref reader, whole: true);
        return new ClusterNode(node.Name!, node.Labels, node.Facts, node.LastSeen, node.Version is null ? null : _strings.Get(node.Version),
            node.Passed, node.ModRevision)
        {
            CountsUntil = node.CountsUntil,
        };
    }

    /// <summary>What an incremental read needs of a node (its name, mod revision and until when it counts), the node
    /// checked as <see cref="Read(ref Utf8JsonReader)"/> would read it, but its labels and facts not made.</summary>
    /// <exception cref="JsonException">Not a node as <see cref="Write"/> writes one.</exception>
    public (string Name, long ModRevision, DateTimeOffset? CountsUntil) Scan(ref Utf8JsonReader reader)
    {
        var node = ReadFields(ref reader, whole: false);
        return (node.Name!, node.ModRevision, node.CountsUntil);
    }

    private Fields ReadFields(ref Utf8JsonReader reader, bool whole)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("a node is an object");
        var fields = new Fields { Labels = SmallMap.Empty, Facts = SmallMap.Empty };
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("node"u8)) fields.Name = NextText(ref reader);
            else if (reader.ValueTextEquals("labels"u8)) fields.Labels = NextMap(ref reader, whole);
            else if (reader.ValueTextEquals("facts"u8)) fields.Facts = NextMap(ref reader, whole);
            else if (reader.ValueTextEquals("lastSeen"u8)) fields.LastSeen = Next(ref reader).GetDateTimeOffset();
            else if (reader.ValueTextEquals("version"u8)) fields.Version = NextText(ref reader);
            else if (reader.ValueTextEquals("lastRunPassed"u8)) fields.Passed = Next(ref reader).GetBoolean();
            else if (reader.ValueTextEquals("modRevision"u8)) fields.ModRevision = Next(ref reader).GetInt64();
            else if (reader.ValueTextEquals("countsUntil"u8)) fields.CountsUntil = Next(ref reader).GetDateTimeOffset();
            else Next(ref reader).Skip();
        }
        if (reader.TokenType != JsonTokenType.EndObject || fields.Name is null) throw new JsonException("a node needs its name");
        return fields;
    }

    private struct Fields
    {
        public string? Name;
        public SmallMap Labels, Facts;
        public DateTimeOffset LastSeen;
        public string? Version;
        public bool? Passed;
        public long ModRevision;
        public DateTimeOffset? CountsUntil;
    }

    private static ref Utf8JsonReader Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new JsonException("the file ends inside a node");
        return ref reader;
    }

    private static string NextText(ref Utf8JsonReader reader) =>
        Next(ref reader).TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("expected a text");

    /// <summary>The map, or (not <paramref name="whole"/>) an empty one once the map is checked.</summary>
    private SmallMap NextMap(ref Utf8JsonReader reader, bool whole) =>
        (whole ? _strings.ReadMap(ref Next(ref reader)) : _strings.IsMap(ref Next(ref reader)) ? SmallMap.Empty : null)
        ?? throw new JsonException("expected an object of texts with distinct names");
}
