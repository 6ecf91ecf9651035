using NodeMonitor.Core.Listening;
using NodeMonitor.Core.Reporting;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Cli.Commands;

/// <summary>A <c>--result=FILE;format=...</c> file as a sink of the run.</summary>
internal sealed class ResultFileSink(ResultFileSpec spec) : IResultSink
{
    public string Name => $"result:{spec.Format.ToString().ToLowerInvariant()}";

    public void Write(RunResult run) => ResultFileWriter.Write(run, spec);
}
