using System.Text.Json.Nodes;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Swift;

/// <summary>Keystone v3 password method: the user (name + domain, or id) with a project scope (name + domain, or id),
/// whose Swift account the catalog names.</summary>
internal sealed class KeystonePasswordAuthentication(SwiftSettings settings, KeystoneTokens tokens) : ISwiftAuthentication
{
    private readonly KeystoneSettings _keystone = settings.Keystone!;

    public Task<SwiftSession> AuthenticateAsync(DateTime deadlineUtc, CancellationToken ct)
    {
        var user = KeystoneIdentity.User(settings.User, _keystone);
        user["password"] = settings.Key;
        var project = _keystone.ProjectId is { } id ? new JsonObject { ["id"] = id }
            : new JsonObject { ["name"] = _keystone.Project, ["domain"] = KeystoneIdentity.Domain(_keystone.ProjectDomain, _keystone.ProjectDomainId) };
        var auth = new JsonObject
        {
            ["identity"] = new JsonObject
            {
                ["methods"] = new JsonArray("password"),
                ["password"] = new JsonObject { ["user"] = user },
            },
            ["scope"] = new JsonObject { ["project"] = project },
        };
        return tokens.IssueAsync(auth, deadlineUtc, ct);
    }
}

/// <summary>The user and domain objects shared by both methods.</summary>
internal static class KeystoneIdentity
{
    public static JsonObject User(string? name, KeystoneSettings keystone) => keystone.UserId is { } id
        ? new JsonObject { ["id"] = id }
        : new JsonObject { ["name"] = name, ["domain"] = Domain(keystone.UserDomain, keystone.UserDomainId) };

    public static JsonObject Domain(string? name, string? id) =>
        id is not null ? new JsonObject { ["id"] = id } : new JsonObject { ["name"] = name };
}
