namespace NodeMonitor.Core.Reporting.Central;

/// <summary>The <c>etcd</c> section: where failure records go. Absent means no etcd reporting.</summary>
public sealed record EtcdSettings(IReadOnlyList<string> Endpoints)
{
    public const string DefaultPrefix = "/nodemonitor/";
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(5);

    /// <summary>Key prefix, always ending in '/'.</summary>
    public string Prefix { get; init; } = DefaultPrefix;
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string? CaFile { get; init; }
    public string? CertFile { get; init; }
    public string? KeyFile { get; init; }

    /// <summary>Longest wait for one etcd call: dotnet-etcd waits forever on a hung server without one.</summary>
    public TimeSpan Deadline { get; init; } = DefaultDeadline;

    public string FailureKey(string node) => $"{Prefix}failures/{node}";
    public string FailuresPrefix => $"{Prefix}failures/";

    /// <summary>The node's heartbeat key, bound to a lease: gone when the node falls silent.</summary>
    public string NodeKey(string node) => $"{Prefix}nodes/{node}";
    public string NodesPrefix => $"{Prefix}nodes/";

    // Records print every property; the password must never reach a log line.
    public override string ToString() => $"etcd {string.Join(",", Endpoints)} prefix {Prefix}{(Username is null ? "" : $" user {Username}")}";
}

/// <summary>The <c>swift</c> section: where failure bundles (and synced results) go. Absent means no Swift reporting.</summary>
public sealed record SwiftSettings(string AuthUrl, string User, string Key)
{
    public const string DefaultContainer = "nodemonitor";

    public string Container { get; init; } = DefaultContainer;

    /// <summary>Container Temp-URL key; when null no TempURL is made (only the object URL is reported).</summary>
    public string? TempUrlKey { get; init; }
    public TimeSpan TempUrlLifetime { get; init; } = TimeSpan.FromDays(7);
    public TimeSpan DeleteAfter { get; init; } = TimeSpan.FromDays(30);
    public TimeSpan Deadline { get; init; } = EtcdSettings.DefaultDeadline;

    public override string ToString() => $"swift {AuthUrl} user {User} container {Container}";
}

/// <summary>The <c>report</c> section: how much time reporting may take and how often things are refreshed.</summary>
public sealed record ReportSettings
{
    public static readonly ReportSettings Default = new();

    /// <summary>All central calls of one run together stay within this; what does not fit stays spooled.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>An unchanged failure is re-uploaded (fresh bundle and link) after this long.</summary>
    public TimeSpan Refresh { get; init; } = TimeSpan.FromMinutes(60);
    public TimeSpan SyncInterval { get; init; } = TimeSpan.FromHours(6);
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMinutes(10);
}
