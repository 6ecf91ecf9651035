namespace NodeMonitor.Cli.Json;

/// <summary><c>cluster status --format json</c>: the aggregator election and the counts of keys.</summary>
internal sealed record ClusterStatusDocument(
    string? Leader,
    string? LeaderValue,
    long? FencingToken,
    double? LeaseRemainingSeconds,
    double LeaseTtlSeconds,
    long LiveNodes,
    long FailureRecords,
    bool ClusterFailing,
    long Revision);
