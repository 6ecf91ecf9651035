using System.Text.Json;
using System.Text.Json.Serialization;
using NodeMonitor.Execution.Protocol;

namespace NodeMonitor.Execution.Hosting;

/// <summary>One plugin of a shared worker's batch: its request and the whole environment it runs with.</summary>
/// <param name="DoneToken">Sent with the plugin's done message: a done without it is a protocol violation of the plugin
/// that was running (plugin code writing a done of its own to end its run early and pass its tests to the next).</param>
internal sealed record WorkerBatchEntry(string Plugin, string FilterXml, IReadOnlyList<string> Assemblies,
    IReadOnlyDictionary<string, string> Parameters, IReadOnlyDictionary<string, string> Environment, string DoneToken)
{
    public WorkerRequest ToRequest() => new(WorkerMode.Run, Plugin, FilterXml, Assemblies) { Parameters = Parameters };
}

/// <summary>
/// The plugins a shared worker runs one after the other (<c>nodemonitor-worker batch</c>). The supervisor writes it as one
/// JSON line on the worker's stdin right after the start, never on the command line: environments may hold values other
/// accounts must not read in the process list. The worker answers each plugin with the ordinary message sequence, its
/// <c>done</c> included, so the supervisor checks each plugin's messages as it checks a worker of its own.
/// </summary>
internal sealed record WorkerBatch(IReadOnlyList<WorkerBatchEntry> Plugins)
{
    public const string Verb = "batch";

    /// <summary>Upper bound of the line the worker reads; the supervisor writes far less (a few KiB a plugin).</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    public string ToLine() => JsonSerializer.Serialize(this, WorkerBatchJson.Default.WorkerBatch) + "\n";

    /// <summary>Reads the batch line from <paramref name="input"/>; null when it is missing or unreadable. Reads in blocks: the
    /// supervisor writes nothing after the line, so nothing meant for later is consumed.</summary>
    public static WorkerBatch? Read(Stream input)
    {
        var line = new MemoryStream();
        var buffer = new byte[16384];
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            int end = Array.IndexOf(buffer, (byte)'\n', 0, read);
            line.Write(buffer, 0, end < 0 ? read : end);
            if (end >= 0) break;
            if (line.Length > MaxBytes) return null;
        }
        return Parse(line.GetBuffer().AsMemory(0, (int)line.Length));
    }

    /// <summary>The batch in <paramref name="json"/>, as the supervisor's <see cref="ToLine"/> wrote it; null when it is not one
    /// (not JSON, a field missing, null or of another type, no plugins, a plugin without assemblies). Read through
    /// <see cref="JsonDocument"/>, not the serializer: the worker then needs no serializer metadata, which is compiled at run time.</summary>
    public static WorkerBatch? Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var plugins = new List<WorkerBatchEntry>();
            foreach (var plugin in Property(document.RootElement, nameof(Plugins), JsonValueKind.Array).EnumerateArray())
            {
                var assemblies = Strings(Property(plugin, nameof(WorkerBatchEntry.Assemblies), JsonValueKind.Array));
                if (assemblies.Count == 0) return null;
                plugins.Add(new WorkerBatchEntry(Text(plugin, nameof(WorkerBatchEntry.Plugin)), Text(plugin, nameof(WorkerBatchEntry.FilterXml)),
                    assemblies, Map(plugin, nameof(WorkerBatchEntry.Parameters)), Map(plugin, nameof(WorkerBatchEntry.Environment)),
                    Text(plugin, nameof(WorkerBatchEntry.DoneToken))));
            }
            return plugins.Count > 0 ? new WorkerBatch(plugins) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or InvalidOperationException)
        {
            return null;
        }
    }

    private static JsonElement Property(JsonElement element, string name, JsonValueKind kind) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value : throw new InvalidDataException($"{name} is not a {kind}");

    private static string Text(JsonElement element, string name) => Property(element, name, JsonValueKind.String).GetString()!;

    private static List<string> Strings(JsonElement array)
    {
        var values = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
            values.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new InvalidDataException("not a string"));
        return values;
    }

    private static Dictionary<string, string> Map(JsonElement element, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Property(element, name, JsonValueKind.Object).EnumerateObject())
            map[pair.Name] = pair.Value.ValueKind == JsonValueKind.String ? pair.Value.GetString()! : throw new InvalidDataException($"{pair.Name} is not a string");
        return map;
    }
}

[JsonSourceGenerationOptions(RespectNullableAnnotations = true)]
[JsonSerializable(typeof(WorkerBatch))]
internal sealed partial class WorkerBatchJson : JsonSerializerContext;
