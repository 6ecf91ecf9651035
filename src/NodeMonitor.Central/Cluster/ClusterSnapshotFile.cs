using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace NodeMonitor.Central.Cluster;

/// <summary>
/// The snapshot file: what a cluster plugin reads (<c>NODEMONITOR_CLUSTER_VIEW</c>), what <c>cluster snapshot --format
/// json</c> prints, and what the leader keeps as the base of its next incremental read. Written as the serializer writes
/// the <see cref="ClusterSnapshot"/> record (camelCase names in declaration order, nulls left out), each node through
/// <see cref="ClusterNodeJson"/>, or, when it is still stored in the file loaded last, as the bytes it had there.
/// Loaded with every node checked but left as its bytes (<see cref="SnapshotNodes"/>), only its name, mod revision and
/// until when it counts read off: at 100,000 nodes, loading and saving cost little more than reading and writing the
/// bytes.
/// </summary>
internal static class ClusterSnapshotFile
{
    private const int FlushBytes = 1 << 16;

    /// <summary>The serializer's convention, for the parts it writes and reads (failures, silences, expired names).</summary>
    private static CentralWireJson Json => CentralWireJson.Relaxed;

    private static readonly ClusterNodeJson NodeWriter = new();

    public static void Write(ClusterSnapshot snapshot, Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = Json.Options.Encoder, SkipValidation = true });
        writer.WriteStartObject();
        writer.WriteNumber("revision"u8, snapshot.Revision);
        writer.WriteString("takenAt"u8, snapshot.TakenAt);
        writer.WriteString("prefix"u8, snapshot.Prefix);
        writer.WriteStartArray("nodes"u8);
        var stored = snapshot.Nodes as SnapshotNodes;
        for (int i = 0; i < snapshot.Nodes.Count; i++)
        {
            if (stored?.Nodes[i] is { IsStored: true } kept) writer.WriteRawValue(stored.Json(kept), skipInputValidation: true);
            else NodeWriter.Write(writer, snapshot.Nodes[i], Json.Options);
            if (writer.BytesPending > FlushBytes) writer.Flush();
        }
        writer.WriteEndArray();
        writer.WritePropertyName("failures"u8);
        JsonSerializer.Serialize(writer, snapshot.Failures, Json.IReadOnlyListClusterFailure);
        writer.WritePropertyName("silences"u8);
        JsonSerializer.Serialize(writer, snapshot.Silences, Json.IReadOnlyListJsonElement);
        writer.WriteNumber("unreadableNodes"u8, snapshot.UnreadableNodes);
        writer.WritePropertyName("expired"u8);
        JsonSerializer.Serialize(writer, snapshot.Expired, Json.IReadOnlyListString);
        writer.WriteEndObject();
    }

    /// <summary>The snapshot <paramref name="file"/> holds, its nodes left stored in that array.</summary>
    /// <exception cref="JsonException">Not a snapshot file as <see cref="Write"/> writes one.</exception>
    public static ClusterSnapshot Read(byte[] file)
    {
        try
        {
            return ReadObject(file);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NotSupportedException)
        {
            throw new JsonException(e.Message, e);
        }
    }

    private static ClusterSnapshot ReadObject(byte[] file)
    {
        var reader = new Utf8JsonReader(file);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("the file is not a JSON object");
        long? revision = null;
        DateTimeOffset takenAt = default;
        string? prefix = null;
        SnapshotNodes? nodes = null;
        List<ClusterFailure> failures = [];
        List<JsonElement> silences = [];
        List<string> expired = [];
        int unreadable = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("revision"u8)) revision = Next(ref reader).GetInt64();
            else if (reader.ValueTextEquals("takenAt"u8)) takenAt = Next(ref reader).GetDateTimeOffset();
            else if (reader.ValueTextEquals("prefix"u8)) prefix = Next(ref reader).GetString();
            else if (reader.ValueTextEquals("nodes"u8)) nodes = ReadNodes(ref Next(ref reader), file);
            else if (reader.ValueTextEquals("failures"u8)) failures = ReadList(ref reader, Json.ListClusterFailure);
            else if (reader.ValueTextEquals("silences"u8)) silences = ReadList(ref reader, Json.ListJsonElement);
            else if (reader.ValueTextEquals("unreadableNodes"u8)) unreadable = Next(ref reader).GetInt32();
            else if (reader.ValueTextEquals("expired"u8)) expired = ReadList(ref reader, Json.ListString);
            else Next(ref reader).Skip();
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("the snapshot object does not end");
        if (reader.Read()) throw new JsonException("something follows the snapshot object");
        if (revision is null || prefix is null || nodes is null) throw new JsonException("the revision, prefix or nodes are missing");
        return new ClusterSnapshot(revision.Value, takenAt, prefix, nodes, failures, silences)
        {
            UnreadableNodes = unreadable,
            Expired = expired,
        };
    }

    /// <summary>The nodes, the reader on the array's start; each node is checked and where its JSON lies noted.</summary>
    private static SnapshotNodes ReadNodes(ref Utf8JsonReader reader, byte[] file)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("the nodes are not an array");
        var scanner = new ClusterNodeJson();
        var nodes = new List<SnapshotNode>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            int start = checked((int)reader.TokenStartIndex);
            var (name, modRevision, countsUntil) = scanner.Scan(ref reader);
            int end = checked((int)reader.TokenStartIndex + 1);
            nodes.Add(new SnapshotNode(name, modRevision, countsUntil, null, start, end - start));
        }
        return new SnapshotNodes(file, nodes);
    }

    private static List<T> ReadList<T>(ref Utf8JsonReader reader, JsonTypeInfo<List<T>> type)
    {
        var list = JsonSerializer.Deserialize(ref Next(ref reader), type);
        return list is not null && !list.Any(item => item is null) ? list : throw new JsonException($"a list of {typeof(T).Name} holds null");
    }

    private static ref Utf8JsonReader Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new JsonException("the file ends too early");
        return ref reader;
    }
}
