using System.Text.Json;
using System.Text.Json.Serialization;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting;
using NodeMonitor.Core.Storage;
using NodeMonitor.Metrics;

namespace NodeMonitor.Cli.Json;

/// <summary>
/// The metadata of every document the CLI prints with <c>--format json</c>, generated at build time so the CLI compiles
/// ahead of time; printed through <see cref="PrintedJson"/> (camelCase, enums as strings, durations as <c>...Seconds</c>).
/// A type printed without being listed here fails on its first use (every verb's JSON is tested), never silently.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(StatusDocument))]
[JsonSerializable(typeof(ListDocument))]
[JsonSerializable(typeof(ClusterStatusDocument))]
[JsonSerializable(typeof(IReadOnlyList<StoredTestRecord>))]
[JsonSerializable(typeof(IReadOnlyList<MetricSeries>))]
[JsonSerializable(typeof(IReadOnlyList<SeriesPoints>))]
[JsonSerializable(typeof(Silence))]
[JsonSerializable(typeof(List<Silence>))]
[JsonSerializable(typeof(FailureRecord))]
internal sealed partial class CliJson : JsonSerializerContext
{
    /// <summary>The options documents are printed with.</summary>
    public static JsonSerializerOptions Printed => PrintedJson.For(Default);

    /// <summary><paramref name="value"/> as printed JSON.</summary>
    public static string Print<T>(T value) => PrintedJson.Serialize(value, Default);
}
