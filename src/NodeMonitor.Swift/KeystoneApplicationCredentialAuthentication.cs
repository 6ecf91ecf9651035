using System.Text.Json.Nodes;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Swift;

/// <summary>Keystone v3 application_credential method: id + secret, or name + secret + owning user. No scope is sent:
/// the credential is bound to its project (Keystone rejects a scope that differs).</summary>
internal sealed class KeystoneApplicationCredentialAuthentication(SwiftSettings settings, KeystoneTokens tokens) : ISwiftAuthentication
{
    private readonly KeystoneSettings _keystone = settings.Keystone!;

    public Task<SwiftSession> AuthenticateAsync(DateTime deadlineUtc, CancellationToken ct)
    {
        var credential = _keystone.ApplicationCredentialId is { } id
            ? new JsonObject { ["id"] = id }
            : new JsonObject { ["name"] = _keystone.ApplicationCredentialName, ["user"] = KeystoneIdentity.User(settings.User, _keystone) };
        credential["secret"] = _keystone.ApplicationCredentialSecret;
        var auth = new JsonObject
        {
            ["identity"] = new JsonObject
            {
                ["methods"] = new JsonArray("application_credential"),
                ["application_credential"] = credential,
            },
        };
        return tokens.IssueAsync(auth, deadlineUtc, ct);
    }
}
