using NodeMonitor.Central;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Cli.Json;

/// <summary><c>status --format json</c>: the last run, the states shown, the silenced ones (with <c>--silences</c>), the
/// central part (with an etcd or swift section) and the pipeline's health.</summary>
internal sealed record StatusDocument(
    StoredRun LastRun,
    IReadOnlyList<TestState> States,
    IReadOnlyList<SilencedTestDocument>? Silenced,
    CentralStatusDocument? Central,
    StoreHealthDocument Store);

/// <summary>A failing test and the silence that covers it.</summary>
internal sealed record SilencedTestDocument(string Plugin, string Test, Silence? Silence);

/// <summary>The central part of <c>status</c>: which services are configured, delivery, bundle, heartbeat and sync.</summary>
internal sealed record CentralStatusDocument(
    bool Etcd,
    bool Swift,
    DeliveryDocument Delivery,
    FailureBundleDocument? FailureBundle,
    HeartbeatDocument? Heartbeat,
    SyncDocument? Sync);

/// <summary>The heartbeat as <c>status</c> prints it; null without etcd.</summary>
internal sealed record HeartbeatDocument(
    double IntervalSeconds,
    DateTimeOffset? WrittenAt,
    DateTimeOffset? ExpiresAt,
    long? LeaseId,
    DateTimeOffset? LastAttemptAt,
    string? LastError);

/// <summary>The sync of passing results as <c>status</c> prints it; null without Swift.</summary>
internal sealed record SyncDocument(
    DateTimeOffset? LastSyncAt,
    string? LastObject,
    int? LastRuns,
    long? LastBytes,
    DateTimeOffset? LastAttemptAt,
    string? LastError,
    long UnsyncedRuns);

/// <summary>The pipeline's own health: each sink's failures so far and the corrupt stores moved aside.</summary>
internal sealed record StoreHealthDocument(IReadOnlyList<SinkErrorDocument> SinkErrors, IReadOnlyList<string> MovedAside);

/// <summary>One sink's failures: how many, and the last.</summary>
internal sealed record SinkErrorDocument(string? Sink, double Total, DateTimeOffset Last);
