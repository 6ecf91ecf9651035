using NodeMonitor.Core.Reporting;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Pipeline;

/// <summary>A <c>--result=FILE;format=...</c> file as a sink of the run.</summary>
public sealed class ResultFileSink(ResultFileSpec spec) : IResultSink
{
    public string Name => $"result:{spec.Format.ToString().ToLowerInvariant()}";

    public Task WriteAsync(RunResult run, SinkContext context, CancellationToken ct)
    {
        ResultFileWriter.Write(run, spec);
        return Task.CompletedTask;
    }
}
