using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace NodeMonitor.Notify;

/// <summary>The counts of one message, by kind of change.</summary>
public sealed record ChangeCounts(int Failing, int Changed, int Recovered, int Silenced)
{
    public int Total => Failing + Changed + Recovered + Silenced;
}

/// <summary>
/// One grouped message: every change of one window, counted, with the first nodes listed. This is the generic JSON a
/// webhook receives (schema <see cref="Schema"/>, documented in README "Notifications and silences"); Slack gets
/// <see cref="Text"/> alone. <see cref="Id"/> is the idempotency key of the whole message: it derives from the
/// changes' own keys, so the same changes give the same id.
/// </summary>
public sealed record NotifyMessage(
    string Schema,
    string Id,
    DateTimeOffset CreatedAt,
    ChangeCounts Counts,
    IReadOnlyList<NodeChange> Nodes,
    int MoreNodes,
    string Text)
{
    public const string SchemaName = "nodemonitor.notify/v1";

    /// <summary>When the earliest change of this message was first seen (not sent; for the lag).</summary>
    [JsonIgnore]
    public DateTimeOffset ObservedAt => Nodes.Count == 0 ? CreatedAt : Nodes.Min(n => n.ObservedAt);

    public static NotifyMessage Group(IReadOnlyList<NodeChange> changes, int maxNodes, DateTimeOffset now)
    {
        var counts = new ChangeCounts(Count(ChangeKind.Failing), Count(ChangeKind.Changed), Count(ChangeKind.Recovered), Count(ChangeKind.Silenced));
        // Failures first: in a storm the nodes named are the ones that need someone.
        var listed = changes.OrderBy(c => c.Kind == ChangeKind.Failing ? 0 : c.Kind == ChangeKind.Changed ? 1 : 2)
            .ThenBy(c => c.Node, StringComparer.Ordinal).Take(maxNodes).ToList();
        string id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join("\n", changes.Select(c => c.IdempotencyKey).Order(StringComparer.Ordinal)))))[..24];
        return new NotifyMessage(SchemaName, id, now, counts, listed, changes.Count - listed.Count,
            MessageText.Of(counts, listed, changes.Count - listed.Count));

        int Count(ChangeKind kind) => changes.Count(c => c.Kind == kind);
    }
}
