using System.Text;
using System.Text.Json;

namespace NodeMonitor.Core.Results;

/// <summary>
/// The form a sample travels in inside a plugin: a test property named <see cref="PropertyName"/> holding JSON
/// <c>{"name","value","kind","unit","labels","time","total"}</c> (time in Unix milliseconds; <c>total</c> true when a
/// counter's value is its running total). NodeMonitor.Checks' <c>Metric</c> and <c>Nagios.Check</c> write it inside
/// the plugin; it is read into a <see cref="TestMetric"/> where NUnit's result is read, and written back only
/// into NUnit result XML, so plugins built against any NodeMonitor.Checks keep working.
/// </summary>
public static class TestMetricJson
{
    /// <summary>Same text as NodeMonitor.Checks.Metrics.Metric.PropertyName (the two packages share no code).</summary>
    public const string PropertyName = "nodemonitor.metric";

    /// <exception cref="FormatException">Not JSON, or a field missing or of the wrong type; the message says which.</exception>
    public static TestMetric Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("expected a JSON object");
            string name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                ? n.GetString()! : throw new FormatException("no \"name\" string");
            double value = root.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number
                ? v.GetDouble() : throw new FormatException("no \"value\" number");
            var kind = !root.TryGetProperty("kind", out var k) || k.ValueKind == JsonValueKind.Null ? MetricKind.Gauge
                : k.ValueKind != JsonValueKind.String ? throw Kind(k)
                : k.GetString()!.ToLowerInvariant() switch { "gauge" => MetricKind.Gauge, "counter" => MetricKind.Counter, _ => throw Kind(k) };
            string? unit = root.TryGetProperty("unit", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            DateTimeOffset? time = root.TryGetProperty("time", out var t) && t.ValueKind == JsonValueKind.Number
                ? DateTimeOffset.FromUnixTimeMilliseconds(t.GetInt64()) : null;
            bool total = root.TryGetProperty("total", out var isTotal) && isTotal.ValueKind == JsonValueKind.True;
            return new TestMetric(name, value, kind, unit, Labels(root), time, total);
        }
        catch (Exception e) when (e is JsonException or ArgumentOutOfRangeException)
        {
            throw new FormatException(e.Message, e);
        }
    }

    /// <summary>The sample as the plugin-side JSON, for NUnit result XML.</summary>
    public static string ToJson(TestMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("name", metric.Name);
            writer.WriteNumber("value", metric.Value);
            writer.WriteString("kind", metric.Kind == MetricKind.Counter ? "counter" : "gauge");
            if (metric.ValueIsTotal) writer.WriteBoolean("total", true);
            if (metric.Unit is not null) writer.WriteString("unit", metric.Unit);
            if (metric.Time is { } time) writer.WriteNumber("time", time.ToUnixTimeMilliseconds());
            writer.WriteStartObject("labels");
            foreach (var (key, value) in metric.Labels) writer.WriteString(key, value);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static FormatException Kind(JsonElement kind) =>
        new($"\"kind\" is {kind.GetRawText()}, expected \"gauge\" or \"counter\"");

    private static SortedDictionary<string, string> Labels(JsonElement root)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty("labels", out var given) || given.ValueKind == JsonValueKind.Null) return labels;
        if (given.ValueKind != JsonValueKind.Object) throw new FormatException("\"labels\" is not an object");
        foreach (var label in given.EnumerateObject())
        {
            labels[label.Name] = label.Value.ValueKind == JsonValueKind.String
                ? label.Value.GetString()!
                : throw new FormatException($"label \"{label.Name}\" is not a string");
        }
        return labels;
    }
}
