using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Storage;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Central;

/// <summary>Delivers what earlier runs spooled (failure bundles and records, recoveries), for <c>nodemonitor sync</c>.</summary>
public static class SpoolDelivery
{
    /// <summary>Null when nothing is left waiting, else why delivery stopped.</summary>
    public static async Task<string?> DeliverAsync(CentralConnections connections, StoreDatabase database, TextWriter stdout,
        TextWriter stderr, CancellationToken ct)
    {
        var outbox = CentralOutbox.On(database);
        if (outbox.Status().Pending == 0) return null;
        var (delivered, pending, error) = await connections.Reporter(outbox).DeliverAsync(ct);
        if (delivered > 0) stdout.WriteLine($"Delivered {Plural.Of(delivered, "spooled central report")}.");
        if (error is not null)
            stderr.WriteLine($"nodemonitor: cannot deliver the spooled central reports ({pending} waiting): {error}");
        return error;
    }
}
