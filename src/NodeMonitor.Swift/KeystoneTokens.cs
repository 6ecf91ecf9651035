using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodeMonitor.Core.Reporting.Central;
using RestSharp;

namespace NodeMonitor.Swift;

/// <summary>
/// Keystone v3 <c>POST {authUrl}/auth/tokens</c>: the token comes back in the X-Subject-Token header, the storage URL
/// from the token's service catalog (type object-store, chosen by interface and region), the expiry from
/// <c>token.expires_at</c>. Errors name the auth URL, who authenticated and the HTTP status; a secret or token never.
/// </summary>
internal sealed class KeystoneTokens(SwiftSettings settings, SwiftHttp http)
{
    private readonly KeystoneSettings _keystone = settings.Keystone ?? throw new ArgumentException("Keystone settings missing", nameof(settings));

    public string TokensUrl { get; } = settings.AuthUrl.TrimEnd('/') + "/auth/tokens";

    public async Task<SwiftSession> IssueAsync(JsonObject auth, DateTime deadlineUtc, CancellationToken ct)
    {
        var request = new RestRequest(TokensUrl, Method.Post);
        request.AddStringBody(new JsonObject { ["auth"] = auth }.ToJsonString(), ContentType.Json);
        var response = await http.ExecuteAsync(request, deadlineUtc, ct, $"authentication of {settings.Identity} at {TokensUrl}", "Keystone");
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            throw Fail($"credentials refused (HTTP 401){Reason(response)}");
        if (!response.IsSuccessStatusCode)
            throw Fail($"HTTP {(int)response.StatusCode} {response.StatusDescription}{Reason(response)}");
        string token = SwiftHttp.Header(response, "X-Subject-Token") ?? throw Fail($"HTTP {(int)response.StatusCode} without an X-Subject-Token header");
        JsonElement body;
        try
        {
            using var document = JsonDocument.Parse(response.Content ?? "");
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw Fail($"HTTP {(int)response.StatusCode} with a body that is not JSON");
        }
        if (!body.TryGetProperty("token", out var tokenBody) || tokenBody.ValueKind != JsonValueKind.Object)
            throw Fail($"HTTP {(int)response.StatusCode} without a token object in the body");
        string storageUrl = KeystoneCatalog.ObjectStoreUrl(tokenBody, _keystone.Region, _keystone.Interface, Fail);
        DateTimeOffset? expires = tokenBody.TryGetProperty("expires_at", out var at) && at.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(at.GetString(), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
        return new SwiftSession(token, storageUrl.TrimEnd('/'), expires);
    }

    private CentralDeliveryException Fail(string what) =>
        new($"Keystone authentication of {settings.Identity} at {TokensUrl}: {what}");

    /// <summary>Keystone's own error message ("The request you have made requires authentication."), without any secret
    /// in case a proxy echoes the request.</summary>
    private string Reason(RestResponse response)
    {
        try
        {
            using var document = JsonDocument.Parse(response.Content ?? "");
            if (document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var message)
                && message.GetString() is { Length: > 0 } text)
                return ": " + Redact(text.Length > 200 ? text[..200] + "…" : text);
        }
        catch (JsonException)
        {
            // Not Keystone's JSON error (a proxy's HTML page): the status says enough.
        }
        return "";
    }

    private string Redact(string text)
    {
        foreach (string? secret in new[] { settings.Key, _keystone.ApplicationCredentialSecret })
            if (!string.IsNullOrEmpty(secret)) text = text.Replace(secret, "***", StringComparison.Ordinal);
        return text;
    }
}
