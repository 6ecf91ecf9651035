using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace NodeMonitor.Core.Reporting;

/// <summary>
/// The JSON NodeMonitor shows people and scripts (<c>--format json</c>, the <c>/api/v1</c> endpoints): camelCase, enums as
/// strings, and one convention for durations everywhere: seconds as a number, in a property named <c>...Seconds</c>
/// (<c>"durationSeconds": 0.24</c>), as the run document has it. Every <see cref="TimeSpan"/> of every type printed
/// this way follows it, so a record added later cannot bring back <c>"00:00:00.24"</c>.
/// </summary>
public static class PrintedJson
{
    private static readonly ConcurrentDictionary<JsonSerializerContext, JsonSerializerOptions> ByContext = new();

    /// <summary>
    /// The options that print the types of <paramref name="context"/>, a source-generated context (no serializer metadata is
    /// made at run time, so the CLI compiles ahead of time). The context declares the convention's base,
    /// <c>[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true)]</c>;
    /// these options add the durations. A context declared otherwise is refused, so a document cannot drift from the rest.
    /// </summary>
    public static JsonSerializerOptions For(JsonSerializerContext context) => ByContext.GetOrAdd(context, static c =>
    {
        var declared = c.Options;
        if (declared.PropertyNamingPolicy != JsonNamingPolicy.CamelCase || !declared.WriteIndented || !declared.PropertyNameCaseInsensitive)
            throw new ArgumentException(
                $"{c.GetType().Name} must declare JsonSerializerDefaults.Web and WriteIndented = true, as every printed document", nameof(context));
        var options = new JsonSerializerOptions(declared) { TypeInfoResolver = c.WithAddedModifier(DurationsInSeconds) };
        options.MakeReadOnly();
        return options;
    });

    /// <summary>The printed form of <typeparamref name="T"/>, from <paramref name="context"/>, with the durations' convention.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerContext context) => (JsonTypeInfo<T>)For(context).GetTypeInfo(typeof(T));

    /// <summary><paramref name="value"/> printed with <paramref name="context"/>'s metadata.</summary>
    public static string Serialize<T>(T value, JsonSerializerContext context) => JsonSerializer.Serialize(value, TypeInfo<T>(context));

    /// <summary>Seconds rounded to the microsecond, as in the run document.</summary>
    public static double Seconds(TimeSpan duration) => Math.Round(duration.TotalSeconds, 6);

    /// <summary>Written as a decimal, so a short duration reads 0.000055 rather than 5.5E-05.</summary>
    private static void WriteSeconds(Utf8JsonWriter writer, TimeSpan duration) => writer.WriteNumberValue((decimal)Seconds(duration));

    private static void DurationsInSeconds(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in type.Properties)
        {
            bool nullable = property.PropertyType == typeof(TimeSpan?);
            if (property.PropertyType != typeof(TimeSpan) && !nullable) continue;
            if (!property.Name.EndsWith("Seconds", StringComparison.Ordinal)) property.Name += "Seconds";
            property.CustomConverter = nullable ? new NullableSecondsConverter() : new SecondsConverter();
        }
    }

    private sealed class SecondsConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TimeSpan.FromSeconds(reader.GetDouble());

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) => WriteSeconds(writer, value);
    }

    private sealed class NullableSecondsConverter : JsonConverter<TimeSpan?>
    {
        public override bool HandleNull => true;

        public override TimeSpan? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? null : TimeSpan.FromSeconds(reader.GetDouble());

        public override void Write(Utf8JsonWriter writer, TimeSpan? value, JsonSerializerOptions options)
        {
            if (value is { } v) WriteSeconds(writer, v);
            else writer.WriteNullValue();
        }
    }
}
