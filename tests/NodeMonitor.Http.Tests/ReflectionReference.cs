using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace NodeMonitor.Http.Tests;

/// <summary>
/// What the web view printed before its JSON was generated at build time, kept as the reference clients already read:
/// the reflection-based serializer with the CLI's printed settings (camelCase, indented, enums as names, every
/// <see cref="TimeSpan"/> a number of seconds in a property named <c>...Seconds</c>).
/// </summary>
internal static class ReflectionReference
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DurationsInSeconds } },
    };

    public static string Print(object? value) => JsonSerializer.Serialize(value, Options);

    private static void DurationsInSeconds(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in type.Properties.Where(p => p.PropertyType == typeof(TimeSpan)))
        {
            if (!property.Name.EndsWith("Seconds", StringComparison.Ordinal)) property.Name += "Seconds";
            property.CustomConverter = new Seconds();
        }
    }

    private sealed class Seconds : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteNumberValue((decimal)Math.Round(value.TotalSeconds, 6));
    }
}
