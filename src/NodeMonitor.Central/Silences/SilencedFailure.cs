namespace NodeMonitor.Central;

/// <summary>One failing thing of a record (a test, or a plugin's own error) and the silence that covers it, if any.</summary>
/// <param name="Id">As the record lists it: <c>plugin: Full.Test.Name</c>, or the plugin error line.</param>
public sealed record FailingItem(string Id, string Plugin, string? Test, Silence? SilencedBy);

/// <summary>
/// A failure record seen through the silences active at one moment: what is silenced, by whom and until when, and what
/// is still to be told. Tests beyond the record's capped list are covered only by a silence of the whole node.
/// </summary>
public sealed record SilencedFailure(FailureRecord Record, IReadOnlyList<FailingItem> Items, int UnlistedTests, Silence? UnlistedSilencedBy)
{
    /// <param name="nodeLabels">The node's labels (from its heartbeat or configuration); null when unknown, so a silence
    /// with label matchers covers nothing of it.</param>
    public static SilencedFailure Of(FailureRecord record, IEnumerable<Silence> silences, DateTimeOffset now, IReadOnlyDictionary<string, string>? nodeLabels = null)
    {
        var active = silences.Where(s => s.IsActiveAt(now)).OrderByDescending(s => s.EndsAt).ToList();
        var items = new List<FailingItem>();
        foreach (string id in record.FailingTests)
        {
            var (plugin, test) = Split(id);
            items.Add(new FailingItem(id, plugin, test, active.FirstOrDefault(s => s.Matches(record.Node, plugin, test, nodeLabels))));
        }
        foreach (string error in record.PluginErrors)
        {
            var (plugin, _) = Split(error);
            items.Add(new FailingItem(error, plugin, null, active.FirstOrDefault(s => s.Matches(record.Node, plugin, null, nodeLabels))));
        }
        int unlisted = Math.Max(0, record.FailingTotal - record.FailingTests.Count);
        return new SilencedFailure(record, items, unlisted, unlisted == 0 ? null : active.FirstOrDefault(s => s.CoversWholeNode(record.Node, nodeLabels)));
    }

    /// <summary>What people are still to be told, sorted: the unsilenced items, and the count of unlisted tests when
    /// those are not silenced.</summary>
    public IReadOnlyList<string> Unsilenced
    {
        get
        {
            var ids = Items.Where(i => i.SilencedBy is null).Select(i => i.Id).ToList();
            if (UnlistedTests > 0 && UnlistedSilencedBy is null) ids.Add($"(and {UnlistedTests} more failing tests)");
            ids.Sort(StringComparer.Ordinal);
            return ids;
        }
    }

    /// <summary>True when something fails and every part of it is silenced.</summary>
    public bool FullySilenced => (Items.Count > 0 || UnlistedTests > 0) && Unsilenced.Count == 0;

    /// <summary>The distinct silences that cover part of this record.</summary>
    public IReadOnlyList<Silence> Silences =>
        Items.Select(i => i.SilencedBy).Append(UnlistedSilencedBy).OfType<Silence>().DistinctBy(s => s.Id).ToList();

    /// <summary>"plugin: Test.Name" → (plugin, Test.Name); a plugin-level id "plugin (plugin)" → (plugin, null).</summary>
    internal static (string Plugin, string? Test) Split(string id)
    {
        const string PluginSuffix = " (plugin)";
        if (id.EndsWith(PluginSuffix, StringComparison.Ordinal)) return (id[..^PluginSuffix.Length], null);
        int colon = id.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? (id, null) : (id[..colon], id[(colon + 2)..]);
    }
}
