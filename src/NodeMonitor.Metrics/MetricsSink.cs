using NodeMonitor.Core.Pipeline;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Metrics;

/// <summary>The run's own metrics and its tests' samples, in the store file; also counts every sink's failures
/// (<c>nodemonitor_sink_errors_total{sink}</c>) once the pipeline is done. A sample with an invalid name is
/// rejected alone, with a warning.</summary>
public sealed class MetricsSink(MetricStore? store, Action<string> warn) : IResultSink, ISinkErrorCounter
{
    public string Name => "metrics";

    public Task WriteAsync(RunResult run, SinkContext context, CancellationToken ct)
    {
        if (store is null) throw new InvalidOperationException("no metric store: the local store could not be opened");
        store.Write(RunMetrics.From(run, [], rejected => warn(rejected)), run.StartTime);
        return Task.CompletedTask;
    }

    public Task CountAsync(IReadOnlyList<SinkError> errors, DateTimeOffset at, CancellationToken ct)
    {
        if (store is null) throw new InvalidOperationException("no metric store: the local store could not be opened");
        store.Write(RunMetrics.SinkErrors(errors, at), at);
        return Task.CompletedTask;
    }
}
