using NodeMonitor.Central;

namespace NodeMonitor.Notify;

/// <summary>One failing node as the API shows it: the record, and per failing test whether it is silenced, by whom,
/// until when.</summary>
internal sealed record FailureJson(string Node, string RunId, DateTimeOffset FirstFailedAt, DateTimeOffset LastRunAt, int FailingTotal,
    bool Silenced, IReadOnlyList<FailingTestJson> Tests, int UnlistedTests, SilenceBrief? UnlistedSilencedBy, string? Link)
{
    public static FailureJson Of(SilencedFailure f) => new(f.Record.Node, f.Record.RunId, f.Record.FirstFailedAt, f.Record.LastRunAt,
        f.Record.FailingTotal, f.FullySilenced, [.. f.Items.Select(i => new FailingTestJson(i.Id, i.Plugin, i.Test, SilenceBrief.Of(i.SilencedBy)))],
        f.UnlistedTests, SilenceBrief.Of(f.UnlistedSilencedBy), f.Record.TempUrl ?? f.Record.ObjectUrl);
}

/// <summary>One failing test (or plugin error) of a record; <see cref="SilencedBy"/> null: people are told.</summary>
internal sealed record FailingTestJson(string Id, string Plugin, string? Test, SilenceBrief? SilencedBy);

/// <summary>The silence that covers a failing test, in brief.</summary>
internal sealed record SilenceBrief(string Id, string Author, DateTimeOffset Until, string Reason)
{
    public static SilenceBrief? Of(Silence? s) => s is null ? null : new(s.Id, s.Author, s.EndsAt, s.Reason);
}
