using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Pipeline;

/// <summary>
/// Takes a finished run somewhere (local store, metrics, result file, central report, sync).
/// Contract: called once per run after all plugins finished, in the pipeline's order; a sink only writes: the
/// <see cref="RunPipeline"/> owns ordering and isolation (one sink throwing never stops the others). A sink
/// throws to say it failed; the message is one line a person can act on.
/// </summary>
public interface IResultSink
{
    /// <summary>Name used in warnings and in the <c>nodemonitor_sink_errors_total{sink}</c> metric.</summary>
    string Name { get; }

    Task WriteAsync(RunResult run, SinkContext context, CancellationToken ct);
}

/// <summary>A sink that needs nothing of the sinks before it (neither whether the run is stored nor their failures) and
/// shares nothing with them (a file of its own): the pipeline may write it beside them, while the store is written. It
/// still finishes before any sink after it starts, so those see its failure.</summary>
public interface IIndependentSink : IResultSink;

/// <summary>What a sink knows of the sinks before it.</summary>
/// <param name="Stored">The local store holds the run (false when it failed, or when there is no store sink).</param>
/// <param name="Errors">The failures of the sinks before it.</param>
public sealed record SinkContext(bool Stored, IReadOnlyList<SinkError> Errors)
{
    public bool Failed(string sink) => Errors.Any(e => e.Sink == sink);
}
