namespace NodeMonitor.Swift;

/// <summary>Obtains a Swift token and storage URL: v1 tempauth or Keystone v3. One attempt within the deadline; the
/// <see cref="SwiftClient"/> caches the session and decides when to authenticate again.</summary>
public interface ISwiftAuthentication
{
    /// <exception cref="NodeMonitor.Core.Reporting.Central.CentralDeliveryException">Refused, unreachable, too slow or an
    /// unusable answer; the message names the auth URL, the user or credential id and the HTTP status, never a secret.</exception>
    Task<SwiftSession> AuthenticateAsync(DateTime deadlineUtc, CancellationToken ct);
}
