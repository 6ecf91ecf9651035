using System.Net;
using NodeMonitor.Core.Reporting.Central;
using RestSharp;

namespace NodeMonitor.Swift;

/// <summary>
/// A small Swift client over RestSharp: v1 (tempauth) authentication with the token cached until it is refused,
/// then one re-authentication. Every request ends by its deadline; failures become
/// <see cref="CentralDeliveryException"/> whose messages never contain the key or the token.
/// </summary>
public sealed class SwiftClient : IDisposable
{
    private readonly SwiftSettings _settings;
    private readonly RestClient _http = new(new RestClientOptions { ThrowOnAnyError = false, UserAgent = "nodemonitor" });
    private (string Token, string StorageUrl)? _session;

    public SwiftClient(SwiftSettings settings) => _settings = settings;

    /// <summary>How many times this client authenticated (for tests of the token cache).</summary>
    public int Authentications { get; private set; }

    /// <summary>The account's storage URL, e.g. <c>http://127.0.0.1:8080/v1/AUTH_test</c> (authenticates when needed).</summary>
    public async Task<string> StorageUrlAsync(DateTime deadlineUtc, CancellationToken ct) =>
        (await SessionAsync(deadlineUtc, ct)).StorageUrl;

    /// <summary>The percent-encoded URL of an object in the configured container.</summary>
    public async Task<string> ObjectUrlAsync(string objectName, DateTime deadlineUtc, CancellationToken ct) =>
        $"{await StorageUrlAsync(deadlineUtc, ct)}/{Escape(_settings.Container)}/{EscapePath(objectName)}";

    /// <summary>Sends a request relative to the storage URL ("" = account, "c" = container, "c/o" = object);
    /// re-authenticates once when the token is refused.</summary>
    public async Task<RestResponse> SendAsync(Method method, string relativePath, Action<RestRequest>? build, DateTime deadlineUtc,
        CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            var session = await SessionAsync(deadlineUtc, ct);
            string url = relativePath.Length == 0 ? session.StorageUrl : $"{session.StorageUrl}/{relativePath}";
            var request = new RestRequest(url, method);
            request.AddHeader("X-Auth-Token", session.Token);
            build?.Invoke(request);
            var response = await ExecuteAsync(request, deadlineUtc, ct, $"{method} {relativePath}");
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                _session = null; // expired or revoked token: authenticate again, once
                continue;
            }
            return response;
        }
    }

    /// <summary>Uploads one object with retention, verifying its content by ETag.</summary>
    public async Task PutObjectAsync(string objectName, byte[] content, string contentType, TimeSpan? deleteAfter,
        DateTime deadlineUtc, CancellationToken ct)
    {
        string md5 = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(content));
        var response = await SendAsync(Method.Put, $"{Escape(_settings.Container)}/{EscapePath(objectName)}", r =>
        {
            r.AddHeader("ETag", md5);
            if (deleteAfter is { } after) r.AddHeader("X-Delete-After", ((long)after.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
            r.AddParameter(contentType, content, ParameterType.RequestBody);
        }, deadlineUtc, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            await EnsureContainerAsync(deadlineUtc, ct);
            await PutObjectAsync(objectName, content, contentType, deleteAfter, deadlineUtc, ct);
            return;
        }
        Require(response, $"PUT object {objectName}");
    }

    /// <summary>Creates the container and sets its Temp-URL key (both idempotent).</summary>
    public async Task EnsureContainerAsync(DateTime deadlineUtc, CancellationToken ct)
    {
        Require(await SendAsync(Method.Put, Escape(_settings.Container), null, deadlineUtc, ct), $"PUT container {_settings.Container}");
        if (_settings.TempUrlKey is { } key)
            Require(await SendAsync(Method.Post, Escape(_settings.Container), r => r.AddHeader("X-Container-Meta-Temp-URL-Key", key),
                deadlineUtc, ct), $"POST container {_settings.Container} (Temp-URL key)");
    }

    public void Dispose() => _http.Dispose();

    private async Task<(string Token, string StorageUrl)> SessionAsync(DateTime deadlineUtc, CancellationToken ct)
    {
        if (_session is { } cached) return cached;
        var request = new RestRequest(_settings.AuthUrl);
        request.AddHeader("X-Auth-User", _settings.User);
        request.AddHeader("X-Auth-Key", _settings.Key);
        var response = await ExecuteAsync(request, deadlineUtc, ct, "authentication");
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            throw new CentralDeliveryException($"Swift refused the credentials of user '{_settings.User}' at {_settings.AuthUrl} (401)");
        Require(response, $"authentication at {_settings.AuthUrl}");
        string? token = Header(response, "X-Auth-Token");
        string? storage = Header(response, "X-Storage-Url");
        if (token is null || storage is null)
            throw new CentralDeliveryException($"Swift authentication at {_settings.AuthUrl} returned no token or storage URL");
        Authentications++;
        _session = (token, storage.TrimEnd('/'));
        return _session.Value;
    }

    private async Task<RestResponse> ExecuteAsync(RestRequest request, DateTime deadlineUtc, CancellationToken ct, string what)
    {
        var remaining = deadlineUtc - DateTime.UtcNow;
        if (remaining <= TimeSpan.Zero) throw new CentralDeliveryException($"Swift {what}: deadline passed before the request");
        request.Timeout = remaining;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        linked.CancelAfter(remaining);
        RestResponse response;
        try
        {
            response = await _http.ExecuteAsync(request, linked.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CentralDeliveryException($"Swift {what}: no answer within {remaining.TotalSeconds:0.#} s");
        }
        if (response.ResponseStatus == ResponseStatus.TimedOut || (response.ResponseStatus == ResponseStatus.Aborted && !ct.IsCancellationRequested))
            throw new CentralDeliveryException($"Swift {what}: no answer within {remaining.TotalSeconds:0.#} s");
        if (response.StatusCode == 0)
            throw new CentralDeliveryException($"Swift {what}: {response.ErrorException?.Message ?? response.ErrorMessage ?? "no response"}");
        return response;
    }

    private static void Require(RestResponse response, string what)
    {
        if (!response.IsSuccessStatusCode)
            throw new CentralDeliveryException($"Swift {what}: HTTP {(int)response.StatusCode} {response.StatusDescription}");
    }

    private static string? Header(RestResponse response, string name) =>
        response.Headers?.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value?.ToString();

    internal static string Escape(string segment) => Uri.EscapeDataString(segment);

    internal static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
