using System.Text;
using System.Text.Json;

namespace NodeMonitor.Core.Configuration;

/// <summary>A line and column in a text file, both counted from 1, the column in characters (as editors count).</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>
/// Where each key of a JSON file stands: its name and its value, by the JSON path NodeMonitor names keys with
/// (<c>retention.days</c>). Built once per file so that every error about a key can point at it.
/// </summary>
internal sealed class JsonSourceMap
{
    private readonly Dictionary<string, List<(SourcePosition Name, SourcePosition Value)>> _keys = new(StringComparer.Ordinal);

    private JsonSourceMap() { }

    /// <summary>The name of <paramref name="path"/> in the file (its <paramref name="occurrence"/>-th appearance, from 0).</summary>
    public SourcePosition? NameOf(string path, int occurrence = 0) =>
        _keys.TryGetValue(path, out var list) && occurrence < list.Count ? list[occurrence].Name : null;

    /// <summary>The value of <paramref name="path"/> in the file.</summary>
    public SourcePosition? ValueOf(string path) =>
        _keys.TryGetValue(path, out var list) ? list[0].Value : null;

    /// <summary>Maps a text that <see cref="JsonDocument"/> has already accepted with the same options.</summary>
    public static JsonSourceMap Build(string text, JsonReaderOptions options)
    {
        var map = new JsonSourceMap();
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        var lines = new LineIndex(utf8);
        var reader = new Utf8JsonReader(utf8, options);
        var path = new Stack<string>();
        string? pendingName = null;
        SourcePosition pendingNamePosition = default;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingName = reader.GetString()!;
                    pendingNamePosition = lines.At(reader.TokenStartIndex);
                    continue;
                case JsonTokenType.EndObject:
                    // Arrays are skipped whole, so every object but the root's was pushed.
                    if (reader.CurrentDepth > 0) path.Pop();
                    continue;
            }
            if (pendingName is null) continue; // array items and the root: not named by a key
            string full = path.Count == 0 ? pendingName : $"{path.Peek()}.{pendingName}";
            if (!map._keys.TryGetValue(full, out var list)) map._keys[full] = list = [];
            list.Add((pendingNamePosition, lines.At(reader.TokenStartIndex)));
            if (reader.TokenType == JsonTokenType.StartObject) path.Push(full);
            else if (reader.TokenType == JsonTokenType.StartArray) reader.Skip();
            pendingName = null;
        }
        return map;
    }

    /// <summary>
    /// The position of a JSON reader error, whose line and byte offset count from 0. The reader stops inside a
    /// misspelt literal (<c>tru</c>, <c>nul</c>); the position is the literal's first letter.
    /// </summary>
    public static SourcePosition OfError(string text, long line, long bytePositionInLine)
    {
        string lineText = text.Split('\n').ElementAtOrDefault((int)line) ?? "";
        byte[] bytes = Encoding.UTF8.GetBytes(lineText);
        int index = Encoding.UTF8.GetCharCount(bytes, 0, (int)Math.Min(bytePositionInLine, bytes.Length));
        while (index > 0 && index <= lineText.Length && char.IsAsciiLetter(lineText[index - 1])) index--;
        return new SourcePosition((int)line + 1, index + 1);
    }

    /// <summary>Line starts of a UTF-8 text, to turn a byte offset into a line and a character column.</summary>
    private sealed class LineIndex(byte[] utf8)
    {
        private readonly List<int> _starts = FindStarts(utf8);

        public SourcePosition At(long offset)
        {
            int index = _starts.BinarySearch((int)offset);
            if (index < 0) index = ~index - 1;
            int start = _starts[index];
            return new SourcePosition(index + 1, Encoding.UTF8.GetCharCount(utf8, start, (int)offset - start) + 1);
        }

        private static List<int> FindStarts(byte[] text)
        {
            var starts = new List<int> { 0 };
            for (int i = 0; i < text.Length; i++)
                if (text[i] == (byte)'\n') starts.Add(i + 1);
            return starts;
        }
    }
}
