using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Listening;

/// <summary>
/// Takes a finished run somewhere (local store, result file, central report).
/// Contract: called once per run after all plugins finished; a sink only writes: the host owns
/// ordering, retry and isolation (one sink throwing never stops the others).
/// </summary>
public interface IResultSink
{
    /// <summary>Name used in errors and in the <c>nodemonitor_sink_errors_total{sink}</c> metric.</summary>
    string Name { get; }

    void Write(RunResult run);
}
