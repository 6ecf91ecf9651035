using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Central.Tests.Sync;

/// <summary>An <see cref="IPassedResultsStore"/> that keeps what it was given, by name, and fails when told to.</summary>
internal sealed class RecordingResultsStore : IPassedResultsStore
{
    public List<PassedResultsObject> Puts { get; } = [];

    /// <summary>Thrown by the next put instead of storing (null: store).</summary>
    public Exception? Failure { get; set; }

    /// <summary>Runs during a put, after the object is stored (e.g. a run written meanwhile).</summary>
    public Action? DuringPut { get; set; }

    public Task PutAsync(PassedResultsObject resultsObject, DateTime deadlineUtc, CancellationToken ct)
    {
        if (Failure is { } failure) throw failure;
        Puts.Add(resultsObject);
        DuringPut?.Invoke();
        return Task.CompletedTask;
    }
}
