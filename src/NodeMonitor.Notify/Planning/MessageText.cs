using System.Text;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Notify;

/// <summary>The human text of a message (Slack's whole message, the chat room's line).</summary>
internal static class MessageText
{
    private const int TestsPerNode = 3;

    public static string Of(ChangeCounts counts, IReadOnlyList<NodeChange> listed, int more)
    {
        var text = new StringBuilder("NodeMonitor: ").Append(string.Join(", ", Parts(counts)));
        foreach (var change in listed)
        {
            text.Append('\n').Append(change.Node).Append(' ').Append(Word(change.Kind));
            var tests = change.Kind == ChangeKind.Changed && change.Added.Count > 0 ? change.Added : change.Failing;
            if (tests.Count > 0)
            {
                text.Append(change.Kind == ChangeKind.Changed ? " now also: " : ": ").Append(string.Join("; ", tests.Take(TestsPerNode)));
                if (tests.Count > TestsPerNode) text.Append($" (+{tests.Count - TestsPerNode} more)");
            }
            if (change.Silenced > 0) text.Append($" [{change.Silenced} silenced]");
            if (change.Link is { } link && change.Kind != ChangeKind.Recovered) text.Append(' ').Append(link);
        }
        if (more > 0) text.Append($"\n... and {Plural.Of(more, "more node", "more nodes")}");
        return text.ToString();
    }

    private static IEnumerable<string> Parts(ChangeCounts c)
    {
        if (c.Failing > 0) yield return $"{Plural.Of(c.Failing, "node")} failing";
        if (c.Changed > 0) yield return $"{c.Changed} changed";
        if (c.Recovered > 0) yield return $"{c.Recovered} recovered";
        if (c.Silenced > 0) yield return $"{c.Silenced} silenced";
    }

    private static string Word(ChangeKind kind) => kind switch
    {
        ChangeKind.Failing => "FAILING",
        ChangeKind.Changed => "still failing",
        ChangeKind.Recovered => "recovered",
        _ => "silenced",
    };
}
