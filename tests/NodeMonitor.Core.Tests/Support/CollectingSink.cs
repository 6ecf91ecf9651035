using NodeMonitor.Core.Pipeline;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Tests.Support;

/// <summary>A sink double: records every run and context it got, and throws when told to.</summary>
internal sealed class CollectingSink(string name, Exception? failure = null) : IResultSink
{
    public string Name => name;

    public List<(RunResult Run, SinkContext Context)> Received { get; } = [];

    public Task WriteAsync(RunResult run, SinkContext context, CancellationToken ct)
    {
        Received.Add((run, context));
        if (failure is not null) throw failure;
        return Task.CompletedTask;
    }
}

/// <summary>An error counter double: records what it was asked to count.</summary>
internal sealed class CollectingCounter : ISinkErrorCounter
{
    public string Name => "metrics";

    public List<SinkError> Counted { get; } = [];

    public Task CountAsync(IReadOnlyList<SinkError> errors, DateTimeOffset at, CancellationToken ct)
    {
        Counted.AddRange(errors);
        return Task.CompletedTask;
    }
}
