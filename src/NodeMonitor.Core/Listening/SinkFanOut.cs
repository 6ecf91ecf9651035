using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Listening;

/// <summary>
/// Writes a run to every sink in order; a sink that throws is recorded and the others still run
/// (the host contains a sink's failure, it never aborts the run).
/// </summary>
public sealed class SinkFanOut(IReadOnlyList<IResultSink> sinks)
{
    /// <summary>One failed sink write: which sink and why.</summary>
    public sealed record SinkError(string Sink, Exception Error);

    public IReadOnlyList<SinkError> Write(RunResult run)
    {
        var errors = new List<SinkError>();
        foreach (var sink in sinks)
        {
            try
            {
                sink.Write(run);
            }
            catch (Exception e)
            {
                errors.Add(new SinkError(sink.Name, e));
            }
        }
        return errors;
    }
}
