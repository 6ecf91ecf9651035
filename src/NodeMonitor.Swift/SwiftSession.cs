namespace NodeMonitor.Swift;

/// <summary>What an authentication yields: the token for X-Auth-Token, the account's storage URL, and when the token
/// expires (null when the auth service does not say).</summary>
public sealed record SwiftSession(string Token, string StorageUrl, DateTimeOffset? ExpiresAt)
{
    // Records print every property; the token must never reach a log line.
    public override string ToString() => $"session {StorageUrl} expires {ExpiresAt?.ToString("u") ?? "unknown"}";
}
