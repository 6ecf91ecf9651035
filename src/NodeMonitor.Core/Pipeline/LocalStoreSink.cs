using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Core.Pipeline;

/// <summary>The store of record: the run counts as stored only when this sink wrote it. Without a store (it could
/// not be opened) it fails with the reason it could not be opened, so the run still reaches the other sinks. With a
/// <see cref="StoreRecorder"/> that recorded the run while it ran, it completes that recording; when the recorder holds
/// no such recording, it writes the run at once.</summary>
/// <param name="installedPlugins">When given, states of plugins not among them retire in the same transaction.</param>
public sealed class LocalStoreSink(LocalStore? store, StoreException? openError, IReadOnlySet<string>? installedPlugins = null,
    StoreRecorder? recorder = null) : IResultSink
{
    public const string SinkName = "local";

    public string Name => SinkName;

    public Task WriteAsync(RunResult run, SinkContext context, CancellationToken ct)
    {
        if (store is null) throw (Exception?)openError ?? new InvalidOperationException("no local store");
        if (recorder is not null && Completed(recorder, run)) return Task.CompletedTask;
        store.Write(run, installedPlugins);
        return Task.CompletedTask;
    }

    /// <summary>A recording that fails only now (a full disk at the commit, damage found) is rolled back; the write at
    /// once then meets the same fault and handles it as it always has (the error, or the corrupt file moved aside).</summary>
    private bool Completed(StoreRecorder recording, RunResult run)
    {
        try
        {
            return recording.TryComplete(run, installedPlugins);
        }
        catch (StoreException)
        {
            return false;
        }
    }
}
