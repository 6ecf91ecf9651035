using System.Globalization;
using System.Text.Json;

namespace NodeMonitor.Core.Configuration;

/// <summary>
/// A JSON object read from a NodeMonitor file (nodemonitor.json, plugin.json), with its file name and
/// JSON path, so every mistake can be reported as "file: 'key': what was expected".
/// Public so that later sections (etcd, swift, serve, metrics) read their part the same strict way.
/// </summary>
public sealed class ConfigSection
{
    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        // People annotate config files; comments and trailing commas cost nothing to accept.
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly JsonElement _element;
    private readonly JsonSourceMap? _source;

    private ConfigSection(string file, string path, JsonElement element, JsonSourceMap? source)
    {
        File = file;
        Path = path;
        _element = element;
        _source = source;
    }

    /// <summary>The file this section came from.</summary>
    public string File { get; }

    /// <summary>JSON path of this section, e.g. <c>retention</c>; empty for the root.</summary>
    public string Path { get; }

    /// <summary>Reads <paramref name="file"/> and returns its root object.</summary>
    /// <exception cref="ConfigurationException">The file cannot be read, is not JSON, or its root is not an object.</exception>
    public static ConfigSection ReadFile(string file)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"cannot read the file: {e.Message}", file);
        }
        return Parse(text, file, mapPositions: true);
    }

    /// <summary>Parses <paramref name="json"/> as if it were the content of <paramref name="file"/>; the keys' positions are
    /// known only for what <see cref="ReadFile"/> read (text made by code has no lines worth naming).</summary>
    public static ConfigSection Parse(string json, string file) => Parse(json, file, mapPositions: false);

    private static ConfigSection Parse(string json, string file, bool mapPositions)
    {
        try
        {
            // Clone so the section does not depend on the document's pooled memory.
            using var document = JsonDocument.Parse(json, ParseOptions);
            var root = document.RootElement.Clone();
            if (root.ValueKind != JsonValueKind.Object)
                throw new ConfigurationException($"expected a JSON object at the top level, found {Describe(root.ValueKind)}", file);
            var source = !mapPositions ? null : JsonSourceMap.Build(json, new JsonReaderOptions
            {
                CommentHandling = ParseOptions.CommentHandling,
                AllowTrailingCommas = ParseOptions.AllowTrailingCommas,
            });
            return new ConfigSection(file, "", root, source);
        }
        catch (JsonException e)
        {
            var at = JsonSourceMap.OfError(json, e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            throw new ConfigurationException($"invalid JSON: {FirstSentence(e.Message)}", file, position: at);
        }
    }

    /// <summary>
    /// <paramref name="error"/> pointing at its key in this section's file, when it names one and has no position yet;
    /// for errors raised by code that reads a value without the section (node names, cross-key rules).
    /// </summary>
    public ConfigurationException Locate(ConfigurationException error) =>
        error.Position is null && error.Key is not null && error.File == File && _source?.ValueOf(error.Key) is { } at
            ? error.At(at)
            : error;

    /// <summary>The keys present in this section, in file order.</summary>
    public IReadOnlyList<string> Keys => _element.EnumerateObject().Select(p => p.Name).ToList();

    /// <summary>JSON path of a key in this section, e.g. <c>retention.days</c>.</summary>
    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>Fails on the first key that is not in <paramref name="validKeys"/> (or appears twice), listing the valid keys.</summary>
    public void RejectUnknownKeys(IReadOnlyCollection<string> validKeys)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in _element.EnumerateObject())
        {
            if (!validKeys.Contains(property.Name, StringComparer.Ordinal))
                throw new ConfigurationException(
                    $"unknown key; valid keys{(Path.Length == 0 ? "" : $" in '{Path}'")} are: {string.Join(", ", validKeys)}",
                    File, PathOf(property.Name), _source?.NameOf(PathOf(property.Name)));
            if (!seen.Add(property.Name))
                throw new ConfigurationException("the key appears more than once", File, PathOf(property.Name),
                    _source?.NameOf(PathOf(property.Name), occurrence: 1));
        }
    }

    public bool Has(string key) => _element.TryGetProperty(key, out _);

    public string? GetString(string key)
    {
        if (!TryGet(key, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String) throw Expected(key, "a string", value);
        return value.GetString()!;
    }

    public bool? GetBool(string key)
    {
        if (!TryGet(key, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Expected(key, "true or false", value),
        };
    }

    /// <summary>An integer of at least <paramref name="minimum"/>.</summary>
    public int? GetInt(string key, int minimum)
    {
        if (!TryGet(key, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int number) || number < minimum)
            throw Expected(key, $"a whole number of at least {minimum}", value);
        return number;
    }

    /// <summary>A number greater than zero (fractions allowed).</summary>
    public double? GetPositiveNumber(string key)
    {
        if (!TryGet(key, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !(number > 0) || double.IsInfinity(number))
            throw Expected(key, "a number greater than 0", value);
        return number;
    }

    public IReadOnlyList<string>? GetStringArray(string key)
    {
        if (!TryGet(key, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Array) throw Expected(key, "an array of strings", value);
        var items = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw Expected(key, "an array of strings", item);
            items.Add(item.GetString()!);
        }
        return items;
    }

    /// <summary>An object whose values are all strings (e.g. environment variables).</summary>
    public IReadOnlyDictionary<string, string>? GetStringMap(string key)
    {
        var section = GetSection(key);
        if (section is null) return null;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in section._element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
                throw section.Expected(property.Name, "a string", property.Value);
            if (!map.TryAdd(property.Name, property.Value.GetString()!))
                throw new ConfigurationException("the key appears more than once", File, section.PathOf(property.Name),
                    _source?.NameOf(section.PathOf(property.Name), occurrence: 1));
        }
        return map;
    }

    /// <summary>A nested object, or null when the key is absent.</summary>
    public ConfigSection? GetSection(string key)
    {
        if (!TryGet(key, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Object) throw Expected(key, "an object", value);
        return new ConfigSection(File, PathOf(key), value, _source);
    }

    /// <summary>An error about <paramref name="key"/> in this section, for checks the typed getters cannot make.</summary>
    public ConfigurationException Error(string key, string message) => new(message, File, PathOf(key), _source?.ValueOf(PathOf(key)));

    private bool TryGet(string key, out JsonElement value) =>
        _element.TryGetProperty(key, out value) && value.ValueKind != JsonValueKind.Null;

    private ConfigurationException Expected(string key, string expected, JsonElement found) =>
        new($"expected {expected}, found {DescribeValue(found)}", File, PathOf(key), _source?.ValueOf(PathOf(key)));

    private static string DescribeValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        _ => Describe(value.ValueKind),
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => kind.ToString().ToLower(CultureInfo.InvariantCulture),
    };

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "Path: $ | LineNumber: 2 | BytePositionInLine: 4." (counted from 0): the position
        // is reported once, counted from 1, by the exception.
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        string sentence = (cut > 0 ? message[..cut] : message).TrimEnd();
        // The reader quotes what it read, line breaks included: one line of output.
        return string.Join(' ', sentence.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
    }
}
