using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Central;

/// <summary>The value of <c>&lt;prefix&gt;nodes/&lt;node&gt;</c>: who the node is and how its last run went, small enough
/// that a dashboard can list every node with one range read; with the node's labels and published facts (bounded, see
/// <see cref="NodeMonitor.Core.Results.PublishedFacts"/>) for cluster plugins.</summary>
public sealed record HeartbeatValue(
    string Node,
    string Version,
    string LastRun,
    DateTimeOffset LastRunStart,
    DateTimeOffset LastRunEnd,
    bool Passed,
    int Tests,
    int Failed,
    DateTimeOffset WrittenAt,
    double IntervalSeconds)
{
    /// <summary>The node's configured labels; null when it has none.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>The facts the node's tests published; null when none.</summary>
    public IReadOnlyDictionary<string, string>? Facts { get; init; }

    /// <summary>Facts left out because the node published more than the bounds allow; null when none were.</summary>
    public int? FactsDropped { get; init; }

    /// <summary>Until when this heartbeat counts (the node's clock): readers treat the node as gone from then on, though
    /// its key stays until the node's lease runs out. Null in heartbeats of older nodes; see <see cref="CountsUntil"/>.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary><see cref="ExpiresAt"/>, or for an older node's heartbeat written + three intervals; null when the value
    /// says neither (the key's lease alone decides then).</summary>
    [JsonIgnore]
    public DateTimeOffset? CountsUntil => CountsUntilOf(ExpiresAt, WrittenAt, IntervalSeconds);

    /// <summary><see cref="CountsUntil"/> of a value with these fields. An interval too long to add counts for ever (until
    /// the key's lease ends), as a node's own value may say anything.</summary>
    public static DateTimeOffset? CountsUntilOf(DateTimeOffset? expiresAt, DateTimeOffset writtenAt, double intervalSeconds)
    {
        if (expiresAt is not null || !(intervalSeconds > 0)) return expiresAt;
        try
        {
            return writtenAt + HeartbeatSchedule.LeaseTtl(TimeSpan.FromSeconds(intervalSeconds));
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            return DateTimeOffset.MaxValue;
        }
    }

    /// <summary>NodeMonitor's informational version (e.g. <c>0.1.0+commit</c>), so an operator sees which nodes lag.</summary>
    public static string CurrentVersion { get; } =
        typeof(HeartbeatValue).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static HeartbeatValue From(RunResult run, DateTimeOffset now, TimeSpan interval, NodePublication? published = null) => new(
        run.Node, CurrentVersion, run.RunId, run.StartTime, run.EndTime, run.Passed, run.Counts.Total, run.Counts.Failed, now,
        interval.TotalSeconds)
    {
        Labels = published?.Labels is { Count: > 0 } labels ? labels : null,
        Facts = published?.Facts is { Count: > 0 } facts ? facts : null,
        FactsDropped = published?.FactsDropped is > 0 and var dropped ? dropped : null,
        ExpiresAt = now + HeartbeatSchedule.LeaseTtl(interval),
    };

    /// <summary>Read by people with etcdctl: the version's <c>+</c> stays readable instead of <c>\u002B</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, CentralWireJson.Relaxed.HeartbeatValue);

    public static HeartbeatValue? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, CentralWireJson.Relaxed.HeartbeatValue);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
