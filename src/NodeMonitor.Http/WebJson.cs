using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting;
using NodeMonitor.Core.Storage;
using NodeMonitor.Metrics;

namespace NodeMonitor.Http;

/// <summary>
/// The documents of the web view, with metadata generated at build time (the CLI compiles ahead of time), printed as
/// <c>--format json</c> prints: camelCase, indented, enums as names, durations as <c>...Seconds</c> numbers
/// (<see cref="PrintedJson"/>).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(StatusDocument))]
[JsonSerializable(typeof(DeliveryDocument))]
[JsonSerializable(typeof(FailureBundleDocument))]
[JsonSerializable(typeof(IReadOnlyList<StoredRun>))]
[JsonSerializable(typeof(IReadOnlyList<SeriesPoints>))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(ParameterErrorBody))]
internal sealed partial class WebJson : JsonSerializerContext
{
    /// <summary>The printed form of <typeparamref name="T"/>.</summary>
    public static JsonTypeInfo<T> Of<T>() => PrintedJson.TypeInfo<T>(Default);
}

/// <summary>The body of every error answer but a refused query parameter: <c>{"error": "...", "status": 404}</c>.</summary>
internal sealed record ErrorBody(string Error, int Status);

/// <summary>The 400 of a query parameter the API cannot use, naming it.</summary>
internal sealed record ParameterErrorBody(string Error, string Parameter);
