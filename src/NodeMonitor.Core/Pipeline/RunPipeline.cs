using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Pipeline;

/// <summary>Counts sink failures (the <c>nodemonitor_sink_errors_total{sink}</c> counter).</summary>
public interface ISinkErrorCounter
{
    string Name { get; }

    Task CountAsync(IReadOnlyList<SinkError> errors, DateTimeOffset at, CancellationToken ct);
}

/// <summary>What the pipeline did with one run.</summary>
/// <param name="Stored">The local store holds the run; when false nothing may claim the run succeeded.</param>
public sealed record PipelineOutcome(bool Stored, IReadOnlyList<SinkError> Errors);

/// <summary>
/// What happens to a run after its checks finished, in one place: the sinks in order (local store, metrics, result
/// files, central report, sync), each isolated from the others' failures, then every failure counted.
/// <c>nodemonitor run</c>, <c>nodemonitor ingest</c> and the NUnit engine extension all write through it.
/// </summary>
public sealed class RunPipeline(IReadOnlyList<IResultSink> sinks, ISinkErrorCounter? errorCounter = null)
{
    public IReadOnlyList<string> SinkNames => sinks.Select(s => s.Name).ToList();

    public async Task<PipelineOutcome> WriteAsync(RunResult run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        var errors = (await new SinkFanOut(sinks).WriteAsync(run, ct)).ToList();
        if (errors.Count > 0 && errorCounter is not null)
        {
            try
            {
                await errorCounter.CountAsync(errors, run.EndTime, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The counter lives where the failing sink may be (a full disk); say so once.
                if (errors.All(x => x.Sink != errorCounter.Name)) errors.Add(new SinkError(errorCounter.Name, e));
            }
        }
        bool stored = sinks.Any(s => s.Name == SinkFanOut.StoreOfRecord) && errors.All(e => e.Sink != SinkFanOut.StoreOfRecord);
        return new PipelineOutcome(stored, errors);
    }
}
