using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Pipeline;

/// <summary>
/// Writes a run to every sink in order; a sink that throws is recorded and the others still run
/// (the host contains a sink's failure, it never aborts the run). The first sink is the store of record:
/// the sinks after it learn from <see cref="SinkContext.Stored"/> whether it holds the run. An
/// <see cref="IIndependentSink"/> starts at once, beside the sinks before it, and is waited for before the next
/// ordinary sink after it starts; failures are reported in the sinks' order whichever finished first.
/// </summary>
public sealed class SinkFanOut(IReadOnlyList<IResultSink> sinks)
{
    /// <summary>Name of the sink whose success means "the run is stored".</summary>
    public const string StoreOfRecord = LocalStoreSink.SinkName;

    public async Task<IReadOnlyList<SinkError>> WriteAsync(RunResult run, CancellationToken ct)
    {
        var failures = new Exception?[sinks.Count];
        var early = new Task?[sinks.Count];
        for (int i = 0; i < sinks.Count; i++)
        {
            if (sinks[i] is not IIndependentSink) continue;
            var sink = sinks[i];
            var context = new SinkContext(false, []);
            early[i] = Task.Run(() => sink.WriteAsync(run, context, ct), CancellationToken.None);
        }

        try
        {
            bool stored = false;
            for (int i = 0; i < sinks.Count; i++)
            {
                if (early[i] is not null) continue;
                // Everything started early before this sink has finished, so its context holds their failures.
                for (int before = 0; before < i; before++)
                {
                    if (early[before] is { } task) failures[before] = await Outcome(() => task, ct);
                    early[before] = null;
                }
                var context = new SinkContext(stored, Errors(failures));
                failures[i] = await Outcome(() => sinks[i].WriteAsync(run, context, ct), ct);
                if (sinks[i].Name == StoreOfRecord && failures[i] is null) stored = true;
            }
            for (int i = 0; i < sinks.Count; i++)
            {
                if (early[i] is { } task) failures[i] = await Outcome(() => task, ct);
                early[i] = null;
            }
            return Errors(failures);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The run is being cancelled: the sinks started early see the same token, and the caller may exit as soon as
            // this returns, so they end (whatever their outcome) before the cancellation goes on.
            foreach (var task in early)
            {
                if (task is not null) await task.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            throw;
        }
    }

    /// <summary>The sink's failure (thrown or faulted), or null; cancellation of the run itself is not a sink's failure and propagates.</summary>
    private static async Task<Exception?> Outcome(Func<Task> write, CancellationToken ct)
    {
        try
        {
            await write();
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return e;
        }
    }

    private List<SinkError> Errors(Exception?[] failures)
    {
        var errors = new List<SinkError>();
        for (int i = 0; i < failures.Length; i++)
        {
            if (failures[i] is { } failure) errors.Add(new SinkError(sinks[i].Name, failure));
        }
        return errors;
    }
}
