using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Pipeline;

/// <summary>
/// Writes a run to every sink in order; a sink that throws is recorded and the others still run
/// (the host contains a sink's failure, it never aborts the run). The first sink is the store of record:
/// the sinks after it learn from <see cref="SinkContext.Stored"/> whether it holds the run.
/// </summary>
public sealed class SinkFanOut(IReadOnlyList<IResultSink> sinks)
{
    /// <summary>Name of the sink whose success means "the run is stored".</summary>
    public const string StoreOfRecord = LocalStoreSink.SinkName;

    public async Task<IReadOnlyList<SinkError>> WriteAsync(RunResult run, CancellationToken ct)
    {
        var errors = new List<SinkError>();
        bool stored = false;
        foreach (var sink in sinks)
        {
            try
            {
                await sink.WriteAsync(run, new SinkContext(stored, errors.ToList()), ct);
                if (sink.Name == StoreOfRecord) stored = true;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                errors.Add(new SinkError(sink.Name, e));
            }
        }
        return errors;
    }
}
