using System.Text.Json;
using System.Text.Json.Serialization;

namespace NodeMonitor.Notify;

/// <summary>
/// What notify keeps between runs, in one JSON file written atomically (temporary file, flush to disk, rename):
/// the etcd revision it has fully handled, what people were told per node, and each receiver's undelivered messages.
/// </summary>
public sealed record NotifyState(
    long Revision,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Told,
    IReadOnlyDictionary<string, IReadOnlyList<NotifyMessage>> Outbox)
{
    public static readonly NotifyState Empty = new(0, new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, IReadOnlyList<NotifyMessage>>());

    /// <summary>The state in <paramref name="file"/>; <see cref="Empty"/> when there is none.</summary>
    /// <exception cref="NotifyStateException">The file exists but cannot be read as a state.</exception>
    public static NotifyState Load(string file)
    {
        if (!File.Exists(file)) return Empty;
        try
        {
            using var stream = File.OpenRead(file);
            return JsonSerializer.Deserialize(stream, NotifyStateJson.Default.NotifyState) ?? throw new NotifyStateException($"{file} is empty");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new NotifyStateException($"cannot read the notify state {file}: {e.Message} (move it aside to start afresh: everything failing is then sent again)");
        }
    }

    /// <exception cref="IOException">The file cannot be written; the previous state stays intact.</exception>
    public void Save(string file)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(file)}.{Environment.ProcessId}.tmp");
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, this, NotifyStateJson.Default.NotifyState);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, file, overwrite: true);
    }
}

/// <summary>The state file's JSON, with metadata generated at build time: camelCase, enums as their names
/// (<c>"Failing"</c>), compact.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(NotifyState))]
internal sealed partial class NotifyStateJson : JsonSerializerContext;

/// <summary>The state file is damaged or unreadable.</summary>
public sealed class NotifyStateException(string message) : Exception(message);
