using System.Collections.Concurrent;
using NodeMonitor.Central;

namespace NodeMonitor.Fleet;

/// <summary>
/// Per node, the failure records delivered to etcd in delivery order: a record whose run is older than one delivered
/// before it is an out-of-order delivery. Also the value each node's key should hold now.
/// </summary>
public sealed class DeliveryLog
{
    private readonly ConcurrentDictionary<string, (string? RunId, string? Json)> _last = new(StringComparer.Ordinal);
    private long _delivered;
    private long _outOfOrder;

    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Told of every write that changed a record (the notify lag's start).</summary>
    public NotifyWatch? Notify { get; set; }
    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);

    /// <param name="runId">The run of the record written, or null for a deletion (recovery).</param>
    public void Record(string node, string? runId, string? json)
    {
        Interlocked.Increment(ref _delivered);
        _last.AddOrUpdate(node, (runId, json), (_, previous) =>
        {
            // Run ids sort by time: a record older than the last one written for this node went out of order.
            if (runId is not null && previous.RunId is not null && string.CompareOrdinal(runId, previous.RunId) < 0)
                Interlocked.Increment(ref _outOfOrder);
            return (runId ?? previous.RunId, json);
        });
    }

    /// <summary>The signature each node's record should carry now (null: no record), as delivered last.</summary>
    public string? LastSignature(string node) =>
        _last.TryGetValue(node, out var last) && last.Json is { } json ? FailureRecord.FromJson(json)?.Signature : null;
}
