using NodeMonitor.Central;

namespace NodeMonitor.Notify;

/// <summary>The JSON of one failing node as the API shows it: the record, and per failing test whether it is silenced,
/// by whom, until when.</summary>
internal static class FailureJson
{
    public static object Of(SilencedFailure f) => new
    {
        node = f.Record.Node,
        runId = f.Record.RunId,
        firstFailedAt = f.Record.FirstFailedAt,
        lastRunAt = f.Record.LastRunAt,
        failingTotal = f.Record.FailingTotal,
        silenced = f.FullySilenced,
        tests = f.Items.Select(i => new { id = i.Id, plugin = i.Plugin, test = i.Test, silencedBy = Brief(i.SilencedBy) }),
        unlistedTests = f.UnlistedTests,
        unlistedSilencedBy = Brief(f.UnlistedSilencedBy),
        link = f.Record.TempUrl ?? f.Record.ObjectUrl,
    };

    private static object? Brief(Silence? s) => s is null ? null : new { id = s.Id, author = s.Author, until = s.EndsAt, reason = s.Reason };
}
