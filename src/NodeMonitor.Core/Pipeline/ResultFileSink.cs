using NodeMonitor.Core.Reporting;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Pipeline;

/// <summary>A <c>--result=FILE;format=...</c> file as a sink of the run. It needs nothing of the store, so it is written
/// while the store is (a 20,000-case NUnit 3 file takes a few tenths of a second, about as long as the store).</summary>
public sealed class ResultFileSink(ResultFileSpec spec) : IIndependentSink
{
    public string Name => $"result:{spec.Format.ToString().ToLowerInvariant()}";

    public Task WriteAsync(RunResult run, SinkContext context, CancellationToken ct)
    {
        ResultFileWriter.Write(run, spec);
        return Task.CompletedTask;
    }
}
