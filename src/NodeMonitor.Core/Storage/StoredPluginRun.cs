using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Storage;

/// <summary>The summary of one plugin in one stored run; kept for every plugin of every run.</summary>
/// <param name="Error">Why the plugin errored; null when it completed.</param>
/// <param name="RunningTest">The test that was running when the worker died or was killed.</param>
public sealed record StoredPluginRun(
    string Name,
    PluginStatus Status,
    string? Error,
    string? RunningTest,
    TimeSpan Duration,
    OutcomeCounts Counts);
