using System.Security.Cryptography;
using System.Text;

namespace NodeMonitor.Notify;

/// <summary>What changed for people about one node.</summary>
public enum ChangeKind
{
    /// <summary>Nothing was told about the node; now something fails that is not silenced.</summary>
    Failing,

    /// <summary>The set of unsilenced failing tests changed.</summary>
    Changed,

    /// <summary>Everything told has stopped failing: the node's record is gone.</summary>
    Recovered,

    /// <summary>The node still fails, but every failing test is now silenced.</summary>
    Silenced,
}

/// <summary>One node's change, as sent. <see cref="IdempotencyKey"/> is the same whenever the same change of the same
/// etcd revision is computed again (after a restart, by another instance), so a receiver can drop a repeat.</summary>
/// <param name="Failing">The unsilenced failing tests now (empty on recovery).</param>
/// <param name="Silenced">Failing tests of the record that a silence covers (not sent).</param>
/// <param name="Revision">The etcd revision of the record (or of its deletion) this change was computed from.</param>
/// <param name="ObservedAt">When notify first saw the etcd change behind it; delivery minus this is the lag.</param>
public sealed record NodeChange(
    ChangeKind Kind,
    string Node,
    IReadOnlyList<string> Failing,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    int Silenced,
    long Revision,
    string? Link,
    DateTimeOffset ObservedAt)
{
    public string IdempotencyKey { get; } = KeyOf(Kind, Node, Revision, Failing);

    private static string KeyOf(ChangeKind kind, string node, long revision, IReadOnlyList<string> failing)
    {
        var text = new StringBuilder().Append(node).Append('\n').Append(revision).Append('\n').Append(kind);
        foreach (string id in failing) text.Append('\n').Append(id);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..24];
    }
}
