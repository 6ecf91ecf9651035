using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Http;

/// <summary>
/// The silences the dashboard shows next to this node's failing checks: read from etcd with a short deadline and kept
/// for <paramref name="keepFor"/>, so a page load costs etcd at most one read per period and an unreachable etcd
/// delays at most one load by <paramref name="deadline"/>; meanwhile the page says silences are unknown. Only the
/// dashboard reads silences: a node's runs never do.
/// </summary>
/// <param name="nodeLabels">This node's configured labels, for silences with label matchers.</param>
public sealed class DashboardSilences(ISilenceStore store, IReadOnlyDictionary<string, string> nodeLabels, TimeSpan deadline, TimeSpan keepFor,
    TimeProvider clock)
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DefaultKeepFor = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private SilencesSeen? _last;

    public async Task<SilencesSeen> CurrentAsync(CancellationToken ct)
    {
        if (Fresh() is { } kept) return kept;
        await _reading.WaitAsync(ct);
        try
        {
            if (Fresh() is { } readMeanwhile) return readMeanwhile;
            var now = clock.GetUtcNow();
            try
            {
                _last = new SilencesSeen(await store.ListAsync(DateTime.UtcNow + deadline, ct), null, now, nodeLabels);
            }
            catch (CentralDeliveryException e)
            {
                _last = new SilencesSeen([], e.Message, now, nodeLabels);
            }
            return _last;
        }
        finally
        {
            _reading.Release();
        }
    }

    private SilencesSeen? Fresh() => _last is { } last && clock.GetUtcNow() - last.ReadAt < keepFor ? last : null;
}

/// <summary>The silences as read at <paramref name="ReadAt"/>, or why they are unknown (<paramref name="Unknown"/>).</summary>
public sealed record SilencesSeen(IReadOnlyList<Silence> Silences, string? Unknown, DateTimeOffset ReadAt, IReadOnlyDictionary<string, string> NodeLabels)
{
    /// <summary>The silence in force at <paramref name="now"/> that covers this failing check of <paramref name="node"/>
    /// (the one that lasts longest), or null; always null for a passing check.</summary>
    public Silence? Covering(string node, TestState state, DateTimeOffset now) =>
        state.Outcome == TestOutcome.Passed ? null
        : Silences.Where(s => s.IsActiveAt(now) && s.Matches(node, state.Plugin, state.IsPluginLevel ? null : state.FullName, NodeLabels))
            .MaxBy(s => s.EndsAt);
}
