using NodeMonitor.Core.Reporting.Central;
namespace NodeMonitor.Central;

/// <summary>Object storage for failure bundles (Swift). Makes one attempt within the deadline; never retries or sleeps:
/// <see cref="CentralReporter"/> owns spooling and retry.</summary>
public interface IFailureBundleStore
{
    /// <exception cref="CentralDeliveryException">The upload failed or did not finish by <paramref name="deadlineUtc"/>.</exception>
    Task<BundleLink> UploadAsync(FailureBundle bundle, DateTime deadlineUtc, CancellationToken ct);
}

/// <summary>The failure records (etcd). One attempt per call within the deadline.</summary>
public interface IFailureRecordStore
{
    /// <summary>Writes the node's record unless it already holds exactly <paramref name="json"/>; true when it wrote.</summary>
    /// <exception cref="CentralDeliveryException">The call failed or did not finish in time.</exception>
    Task<bool> PutIfDifferentAsync(string node, string json, DateTime deadlineUtc, CancellationToken ct);

    /// <summary>Removes the node's record; true when there was one.</summary>
    Task<bool> DeleteAsync(string node, DateTime deadlineUtc, CancellationToken ct);
}
