using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NodeMonitor.Metrics;

/// <summary>Label sets: their stored form (a JSON object, keys sorted, so equal sets are equal text), their
/// Prometheus form, and the naming rules both sides of the exposition share.</summary>
public static partial class MetricLabels
{
    public static readonly IReadOnlyDictionary<string, string> None = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>True for a valid Prometheus metric name.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <summary>True for a valid Prometheus label name (names starting with "__" are reserved).</summary>
    public static bool IsValidLabelName(string name) => LabelPattern().IsMatch(name) && !name.StartsWith("__", StringComparison.Ordinal);

    public static string ToStored(IReadOnlyDictionary<string, string>? labels)
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels ?? None) sorted[key] = value;
        // Written by hand rather than by reflection, so trimmed or AOT builds store the same text.
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in sorted) writer.WriteString(key, value);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static IReadOnlyDictionary<string, string> FromStored(string stored)
    {
        using var document = JsonDocument.Parse(stored);
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject()) labels[property.Name] = property.Value.GetString() ?? "";
        return labels;
    }

    /// <summary><c>{a="1",b="x\"y"}</c>, or empty for no labels.</summary>
    public static string Format(IReadOnlyDictionary<string, string> labels, params (string Key, string Value)[] extra)
    {
        var all = labels.Select(l => (l.Key, l.Value)).Concat(extra).OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
        if (all.Count == 0) return "";
        var text = new StringBuilder("{");
        foreach (var (key, value) in all)
        {
            if (text.Length > 1) text.Append(',');
            text.Append(key).Append("=\"").Append(Escape(value)).Append('"');
        }
        return text.Append('}').ToString();
    }

    /// <summary>Parses <c>a=1,b=2</c> (the --labels flag and the API's labels parameter).</summary>
    /// <exception cref="FormatException">A pair has no '=' or an empty name.</exception>
    public static IReadOnlyDictionary<string, string> ParseSelector(string? text)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text)) return labels;
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new FormatException($"expected NAME=VALUE pairs separated by commas, found \"{pair}\"");
            labels[pair[..eq].Trim()] = pair[(eq + 1)..].Trim().Trim('"');
        }
        return labels;
    }

    /// <summary>True when <paramref name="labels"/> has every pair of <paramref name="selector"/>.</summary>
    public static bool Matches(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string>? selector) =>
        selector is null || selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelPattern();
}
