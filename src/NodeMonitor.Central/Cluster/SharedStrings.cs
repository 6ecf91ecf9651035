using System.Text;
using System.Text.Json;

namespace NodeMonitor.Central.Cluster;

/// <summary>One string object for each distinct short text read during one snapshot: across 100,000 nodes the label and
/// fact names, most of their values and the versions repeat, and each would otherwise be a string of its own. Bounded:
/// past <see cref="Capacity"/> distinct texts, new ones are no longer shared. Also reads labels and facts into
/// <see cref="SmallMap"/>s with shared texts.</summary>
internal sealed class SharedStrings
{
    public const int Capacity = 1 << 16;
    private const int MaxLength = 256;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<KeyValuePair<string, string>> _pairs = [];

    public SharedStrings() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The text of <paramref name="utf8"/> (valid UTF-8, unescaped).</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength) return Encoding.UTF8.GetString(utf8);
        Span<char> chars = stackalloc char[MaxLength];
        int length = Encoding.UTF8.GetChars(utf8, chars);
        return _lookup.TryGetValue(chars[..length], out var shared) ? shared : Add(new string(chars[..length]));
    }

    /// <summary>The shared instance of <paramref name="text"/>.</summary>
    public string Get(string text) =>
        text.Length > MaxLength ? text : _strings.TryGetValue(text, out var shared) ? shared : Add(text);

    /// <summary>An object of texts with distinct names, the reader on its start; null for anything else. The reader is
    /// left on the object's end.</summary>
    public SmallMap? ReadMap(ref Utf8JsonReader reader) =>
        !ReadPairs(ref reader, values: true) ? null : _pairs.Count == 0 ? SmallMap.Empty : new SmallMap([.. _pairs]);

    /// <summary>Whether the reader is on an object of texts with distinct names, as <see cref="ReadMap"/> would read it,
    /// without making the map or the texts of its values. The reader is left on the object's end.</summary>
    public bool IsMap(ref Utf8JsonReader reader) => ReadPairs(ref reader, values: false);

    private bool ReadPairs(ref Utf8JsonReader reader, bool values)
    {
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        _pairs.Clear();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string key = Text(ref reader);
            if (!reader.Read() || reader.TokenType != JsonTokenType.String) return false;
            foreach (var pair in _pairs)
                if (string.Equals(pair.Key, key, StringComparison.Ordinal)) return false;
            _pairs.Add(new(key, values ? Text(ref reader) : ""));
        }
        return reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>The text (a string or a property name) the reader is on.</summary>
    public string Text(ref Utf8JsonReader reader) => reader.ValueIsEscaped ? Get(reader.GetString()!) : Get(reader.ValueSpan);

    private string Add(string text)
    {
        if (_strings.Count < Capacity) _strings[text] = text;
        return text;
    }
}
