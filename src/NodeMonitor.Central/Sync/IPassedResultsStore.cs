using NodeMonitor.Core.Reporting.Central;
namespace NodeMonitor.Central;

/// <summary>Object storage for synced run summaries (Swift). Makes one attempt within the deadline; never retries or
/// sleeps: <see cref="PassedResultsSync"/> decides what is sent and when.</summary>
public interface IPassedResultsStore
{
    /// <summary>Stores the object under its <see cref="PassedResultsObject.Name"/>, replacing one of the same name.</summary>
    /// <exception cref="CentralDeliveryException">The upload failed or did not finish by <paramref name="deadlineUtc"/>.</exception>
    Task PutAsync(PassedResultsObject resultsObject, DateTime deadlineUtc, CancellationToken ct);
}
