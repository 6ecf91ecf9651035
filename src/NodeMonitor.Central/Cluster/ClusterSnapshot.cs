using System.Text.Json;

namespace NodeMonitor.Central.Cluster;

/// <summary>A live node as its heartbeat (<c>&lt;prefix&gt;nodes/&lt;node&gt;</c>) describes it.</summary>
/// <param name="LastSeen">When the node wrote the heartbeat (its own clock).</param>
/// <param name="ModRevision">etcd's revision of that write: a later snapshot re-reads the value only when it changed.</param>
public sealed record ClusterNode(
    string Node,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Facts,
    DateTimeOffset LastSeen,
    string? Version,
    bool? LastRunPassed,
    long ModRevision)
{
    /// <summary>Until when the heartbeat counts (the node's clock); the node is left out of snapshots taken later.</summary>
    public DateTimeOffset? CountsUntil { get; init; }
}

/// <summary>A failure record (<c>&lt;prefix&gt;failures/&lt;node&gt;</c>) as a cluster plugin sees it; the aggregator's own
/// record appears under its reserved name.</summary>
/// <param name="Link">Where the bundle can be read: the TempURL, else the object URL; null without Swift.</param>
public sealed record ClusterFailure(
    string Node,
    IReadOnlyList<string> FailingTests,
    int FailingTotal,
    IReadOnlyList<string> PluginErrors,
    DateTimeOffset Since,
    DateTimeOffset LastRunAt,
    string? Link,
    string Signature,
    string RunId);

/// <summary>
/// The cluster at one etcd revision: live nodes (heartbeats not expired), failure records and silences (kept as the
/// JSON their writer stored). It is the file a cluster plugin reads through <c>ClusterView.Current</c> and what
/// <c>nodemonitor cluster snapshot --format json</c> prints.
/// </summary>
public sealed record ClusterSnapshot(
    long Revision,
    DateTimeOffset TakenAt,
    string Prefix,
    IReadOnlyList<ClusterNode> Nodes,
    IReadOnlyList<ClusterFailure> Failures,
    IReadOnlyList<JsonElement> Silences)
{
    /// <summary>Heartbeat values that could not be read (a node of a newer or broken version); they are left out.</summary>
    public int UnreadableNodes { get; init; }

    /// <summary>Nodes whose heartbeats are past the time they count until, left out: gone silent, their keys waiting for
    /// their leases. Named so that the next incremental read knows why an unchanged key is not among the nodes.</summary>
    public IReadOnlyList<string> Expired { get; init; } = [];

    /// <summary>Writes the snapshot file's JSON (<see cref="ClusterSnapshotFile"/>).</summary>
    public void WriteTo(Stream stream) => ClusterSnapshotFile.Write(this, stream);

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        WriteTo(buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes the snapshot to <paramref name="path"/> atomically (a temporary file renamed over it), readable by
    /// every account: a cluster plugin may run as its own user.</summary>
    public void Save(string path)
    {
        string temporary = $"{path}.{Environment.ProcessId}.tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            WriteTo(file);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>A snapshot saved earlier, or null when the file is missing or unreadable (the next read is then a full one).</summary>
    public static ClusterSnapshot? Load(string path) => Load(path, out _);

    /// <summary>A snapshot saved earlier, its nodes left as the file's bytes until asked for; null when the file is
    /// missing or unreadable, and then <paramref name="problem"/> says why the file that exists could not be used.</summary>
    public static ClusterSnapshot? Load(string path, out string? problem)
    {
        problem = null;
        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot read {path}: {e.Message}";
            return null;
        }
        try
        {
            return ClusterSnapshotFile.Read(file);
        }
        catch (JsonException e)
        {
            problem = $"{path} is not a snapshot: {e.Message}";
            return null;
        }
    }
}
