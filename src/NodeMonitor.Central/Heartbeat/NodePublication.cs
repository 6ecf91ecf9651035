using System.Buffers;
using System.Text;
using System.Text.Json;

namespace NodeMonitor.Central;

/// <summary>What a node tells the cluster about itself in its heartbeat: its configured labels and the facts its tests
/// published (already bounded; <see cref="FactsDropped"/> counts what did not fit). A change of either is a reason to
/// write the heartbeat before it is due; <see cref="Fingerprint"/> is what the node remembers to notice that change.</summary>
public sealed record NodePublication(IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Facts, int FactsDropped)
{
    public static readonly NodePublication None = new(new Dictionary<string, string>(), new Dictionary<string, string>(), 0);

    /// <summary>Canonical text of labels, facts and the dropped count (names in ordinal order), as the JSON array
    /// <c>[[["name","value"],...],[["name","value"],...],dropped]</c> with the serializer's default escaping: the text
    /// nodes keep in their heartbeat ledger, so it must not change from one version to the next.</summary>
    public string Fingerprint
    {
        get
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartArray();
                WritePairs(writer, Labels);
                WritePairs(writer, Facts);
                writer.WriteNumberValue(FactsDropped);
                writer.WriteEndArray();
            }
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }

    private static void WritePairs(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> pairs)
    {
        writer.WriteStartArray();
        foreach (var (name, value) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(name);
            writer.WriteStringValue(value);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }
}
