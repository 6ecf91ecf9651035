using NodeMonitor.Core.Configuration;

namespace NodeMonitor.Notify;

/// <summary>How one notify instance behaves; <see cref="From"/> takes the <c>notify</c> section, tests and harnesses
/// shorten the intervals.</summary>
/// <param name="SilencePoll">How often silences are read (an API change reads them at once).</param>
/// <param name="Reconcile">How often the whole failure range is read again, whatever the watch says.</param>
public sealed record NotifyOptions(
    string StateFile,
    IReadOnlyList<Receiver> Receivers,
    TimeSpan GroupWindow,
    int MaxNodesPerMessage,
    Backoff Backoff,
    TimeSpan SilencePoll,
    TimeSpan Reconcile,
    TimeSpan CallDeadline)
{
    public static NotifyOptions From(NodeMonitorConfig config, TimeSpan callDeadline) => new(
        config.Notify.StateFileIn(config.StateDirectory),
        Receiver.From(config.Notify),
        config.Notify.GroupWindow,
        config.Notify.MaxNodesPerMessage,
        new Backoff(TimeSpan.FromSeconds(1), config.Notify.RetryMax),
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        callDeadline);
}
