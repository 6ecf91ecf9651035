using System.Globalization;
using System.Net;
using NodeMonitor.Core.Reporting.Central;
using RestSharp;

namespace NodeMonitor.Swift;

/// <summary>Swift v1 auth (tempauth): GET the auth URL with X-Auth-User/X-Auth-Key; the answer carries X-Auth-Token,
/// X-Storage-Url and X-Auth-Token-Expires (seconds).</summary>
internal sealed class TempAuthAuthentication(SwiftSettings settings, SwiftHttp http, TimeProvider clock) : ISwiftAuthentication
{
    public async Task<SwiftSession> AuthenticateAsync(DateTime deadlineUtc, CancellationToken ct)
    {
        var request = new RestRequest(settings.AuthUrl);
        request.AddHeader("X-Auth-User", settings.User ?? "");
        request.AddHeader("X-Auth-Key", settings.Key ?? "");
        var response = await http.ExecuteAsync(request, deadlineUtc, ct, $"authentication at {settings.AuthUrl}");
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            throw new CentralDeliveryException($"Swift refused the credentials of user '{settings.User}' at {settings.AuthUrl} (401)");
        if (!response.IsSuccessStatusCode)
            throw new CentralDeliveryException(
                $"Swift authentication of user '{settings.User}' at {settings.AuthUrl}: HTTP {(int)response.StatusCode} {response.StatusDescription}");
        string? token = SwiftHttp.Header(response, "X-Auth-Token");
        string? storage = SwiftHttp.Header(response, "X-Storage-Url");
        if (token is null || storage is null)
            throw new CentralDeliveryException($"Swift authentication at {settings.AuthUrl} returned no token or storage URL");
        DateTimeOffset? expires = long.TryParse(SwiftHttp.Header(response, "X-Auth-Token-Expires"), NumberStyles.Integer,
            CultureInfo.InvariantCulture, out long seconds) ? clock.GetUtcNow().AddSeconds(seconds) : null;
        return new SwiftSession(token, storage.TrimEnd('/'), expires);
    }
}
