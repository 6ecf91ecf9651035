using NodeMonitor.Core.Configuration;

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

    public string FailureKey(string node) => $"{Prefix}failures/{NodeName.RequireSafeOrReserved(node, "node name")}";
    public string FailuresPrefix => $"{Prefix}failures/";

    /// <summary>The node's heartbeat key, bound to a lease: gone when the node falls silent.</summary>
    public string NodeKey(string node) => $"{Prefix}nodes/{NodeName.RequireSafe(node, "node name")}";
    public string NodesPrefix => $"{Prefix}nodes/";

    // Records print every property; the password must never reach a log line.
    public override string ToString() => $"etcd {string.Join(",", Endpoints)} prefix {Prefix}{(Username is null ? "" : $" user {Username}")}";
}

/// <summary>The <c>swift</c> section: where failure bundles (and synced results) go. Absent means no Swift reporting.</summary>
/// <param name="AuthUrl">v1: the tempauth URL (…/auth/v1.0); v3: the Identity v3 base URL (…/v3).</param>
/// <param name="User">v1: <c>account:user</c>; v3: the user name (null when <see cref="KeystoneSettings.UserId"/> is used or an
/// application credential is named by id).</param>
/// <param name="Key">v1: the key; v3: the user's password (null with an application credential).</param>
public sealed record SwiftSettings(string AuthUrl, string? User, string? Key)
{
    public const string DefaultContainer = "nodemonitor";

    /// <summary>Which auth API <see cref="AuthUrl"/> speaks; v3 when the URL ends in /v3 unless set explicitly.</summary>
    public SwiftAuthVersion AuthVersion { get; init; } = SwiftAuthVersion.V1;

    /// <summary>Keystone v3 identity, scope and endpoint choice; null for v1.</summary>
    public KeystoneSettings? Keystone { get; init; }

    public string Container { get; init; } = DefaultContainer;

    /// <summary>Container Temp-URL key; when null no TempURL is made (only the object URL is reported).</summary>
    public string? TempUrlKey { get; init; }
    public TimeSpan TempUrlLifetime { get; init; } = TimeSpan.FromDays(7);
    public TimeSpan DeleteAfter { get; init; } = TimeSpan.FromDays(30);
    public TimeSpan Deadline { get; init; } = EtcdSettings.DefaultDeadline;

    /// <summary>The v3 auth version an auth URL implies: one whose path ends in <c>/v3</c>.</summary>
    public static SwiftAuthVersion InferAuthVersion(string authUrl) =>
        authUrl.TrimEnd('/').EndsWith("/v3", StringComparison.OrdinalIgnoreCase) ? SwiftAuthVersion.V3 : SwiftAuthVersion.V1;

    /// <summary>Who authenticates, for messages: never the key, password or secret.</summary>
    public string Identity => Keystone?.ApplicationCredentialId is { } id ? $"application credential {id}"
        : Keystone?.ApplicationCredentialName is { } name ? $"application credential '{name}' of user {User ?? Keystone.UserId}"
        : Keystone?.UserId is { } userId ? $"user id {userId}"
        : (Keystone?.UserDomain ?? Keystone?.UserDomainId) is { } domain ? $"user '{User}' in domain {domain}"
        : $"user '{User}'";

    // Records print every property; keys, passwords and secrets must never reach a log line.
    public override string ToString() => $"swift {AuthUrl} ({AuthVersion}) {Identity} container {Container}";
}

public enum SwiftAuthVersion
{
    /// <summary>Swift's own auth (tempauth, swauth): GET with X-Auth-User/X-Auth-Key.</summary>
    V1,

    /// <summary>OpenStack Identity (Keystone) v3: POST /v3/auth/tokens, the storage URL from the service catalog.</summary>
    V3,
}

/// <summary>Which catalog endpoint of a service to use (Keystone's endpoint interfaces).</summary>
public enum EndpointInterface
{
    Public,
    Internal,
    Admin,
}

/// <summary>Keystone v3 settings of the <c>swift</c> section. Either a password (user name + user domain, or user id;
/// scoped to a project by name + project domain, or by id) or an application credential (id, or name + user; it carries
/// its own project scope).</summary>
public sealed record KeystoneSettings
{
    public string? UserId { get; init; }
    public string? UserDomain { get; init; }
    public string? UserDomainId { get; init; }
    public string? Project { get; init; }
    public string? ProjectId { get; init; }
    public string? ProjectDomain { get; init; }
    public string? ProjectDomainId { get; init; }
    public string? ApplicationCredentialId { get; init; }
    public string? ApplicationCredentialName { get; init; }
    public string? ApplicationCredentialSecret { get; init; }

    /// <summary>Catalog region (region_id); null accepts the only region offering object-store.</summary>
    public string? Region { get; init; }
    public EndpointInterface Interface { get; init; } = EndpointInterface.Public;

    public bool UsesApplicationCredential =>
        ApplicationCredentialId is not null || ApplicationCredentialName is not null || ApplicationCredentialSecret is not null;

    public override string ToString() =>
        $"keystone {(UsesApplicationCredential ? "application credential " + (ApplicationCredentialId ?? ApplicationCredentialName) : "password")} region {Region ?? "any"} {Interface}";
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

    /// <summary>How often the node's timer starts <c>nodemonitor run</c>; the aggregator election's lease lasts
    /// <see cref="AggregatorLeaseIntervals"/> of these, so a leader that stops running is replaced within that time.</summary>
    public TimeSpan RunInterval { get; init; } = TimeSpan.FromSeconds(60);

    public const int AggregatorLeaseIntervals = 3;

    public TimeSpan AggregatorLease => RunInterval * AggregatorLeaseIntervals;
}
