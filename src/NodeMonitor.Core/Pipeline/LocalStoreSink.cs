using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Core.Pipeline;

/// <summary>The store of record: the run counts as stored only when this sink wrote it. Without a store (it could
/// not be opened) it fails with the reason it could not be opened, so the run still reaches the other sinks.</summary>
/// <param name="installedPlugins">When given, states of plugins not among them retire in the same transaction.</param>
public sealed class LocalStoreSink(LocalStore? store, StoreException? openError, IReadOnlySet<string>? installedPlugins = null) : IResultSink
{
    public const string SinkName = "local";

    public string Name => SinkName;

    public Task WriteAsync(RunResult run, SinkContext context, CancellationToken ct)
    {
        if (store is null) throw (Exception?)openError ?? new InvalidOperationException("no local store");
        store.Write(run, installedPlugins);
        return Task.CompletedTask;
    }
}
