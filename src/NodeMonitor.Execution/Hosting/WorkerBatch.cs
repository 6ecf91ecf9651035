using System.Text;
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
        try
        {
            var batch = JsonSerializer.Deserialize(Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length), WorkerBatchJson.Default.WorkerBatch);
            return batch is { Plugins.Count: > 0 } && batch.Plugins.All(p => p.Assemblies.Count > 0) ? batch : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(RespectNullableAnnotations = true)]
[JsonSerializable(typeof(WorkerBatch))]
internal sealed partial class WorkerBatchJson : JsonSerializerContext;
