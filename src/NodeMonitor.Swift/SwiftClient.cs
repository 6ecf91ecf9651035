using System.Net;
using NodeMonitor.Core.Reporting.Central;
using RestSharp;

namespace NodeMonitor.Swift;

/// <summary>
/// A small Swift client over RestSharp. Authenticates through an <see cref="ISwiftAuthentication"/> (v1 tempauth or
/// Keystone v3) and caches the session until Swift refuses the token (then authenticates again, once) or until it is
/// within <see cref="RenewBeforeExpiry"/> of its expiry. Every request ends by its deadline; failures become
/// <see cref="CentralDeliveryException"/> whose messages never contain a key, password, secret or token.
/// </summary>
public sealed class SwiftClient : IDisposable
{
    /// <summary>A token this close to its expiry is not used: a request started with it could be refused halfway.</summary>
    public static readonly TimeSpan RenewBeforeExpiry = TimeSpan.FromMinutes(1);

    private readonly SwiftSettings _settings;
    private readonly SwiftHttp _http = new();
    private readonly ISwiftAuthentication _authentication;
    private readonly TimeProvider _clock;
    private SwiftSession? _session;
    private bool _containerPrepared;

    public SwiftClient(SwiftSettings settings, TimeProvider? clock = null)
    {
        _settings = settings;
        _clock = clock ?? TimeProvider.System;
        _authentication = SwiftAuthentication.For(settings, _http, _clock);
    }

    /// <summary>How many times this client authenticated (for tests of the token cache).</summary>
    public int Authentications { get; private set; }

    /// <summary>How many requests this client sent to the storage URL (for tests that every retry is bounded).</summary>
    public int Requests { get; private set; }

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
            Requests++;
            var response = await _http.ExecuteAsync(request, deadlineUtc, ct, $"{method} {relativePath}");
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                _session = null; // expired or revoked token: authenticate again, once
                continue;
            }
            return response;
        }
    }

    /// <summary>Before the first TempURL of this client: sets the configured Temp-URL key on the container (one PUT, see
    /// <see cref="EnsureContainerAsync"/>). Nothing when no key is configured or it was set already.</summary>
    public async Task PrepareTempUrlKeyAsync(DateTime deadlineUtc, CancellationToken ct)
    {
        if (_settings.TempUrlKey is not null && !_containerPrepared) await EnsureContainerAsync(deadlineUtc, ct);
    }

    /// <summary>Uploads one object with retention, verifying its content by ETag; creates the container when missing.</summary>
    /// <remarks>At most three requests (PUT, PUT container, PUT again), plus one re-authentication each in
    /// <see cref="SendAsync"/>: a 404 that creating the container does not cure (another account, a container deleted
    /// again meanwhile) is an error, not a reason to try forever.</remarks>
    public async Task PutObjectAsync(string objectName, byte[] content, string contentType, TimeSpan? deleteAfter,
        DateTime deadlineUtc, CancellationToken ct)
    {
        string md5 = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(content));
        Task<RestResponse> Put() => SendAsync(Method.Put, $"{Escape(_settings.Container)}/{EscapePath(objectName)}", r =>
        {
            r.AddHeader("ETag", md5);
            if (deleteAfter is { } after) r.AddHeader("X-Delete-After", ((long)after.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
            r.AddParameter(contentType, content, ParameterType.RequestBody);
        }, deadlineUtc, ct);

        var response = await Put();
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            await EnsureContainerAsync(deadlineUtc, ct);
            response = await Put();
            if (response.StatusCode == HttpStatusCode.NotFound)
                throw new CentralDeliveryException($"Swift PUT object {objectName}: HTTP 404 even after creating container {_settings.Container}");
        }
        Require(response, $"PUT object {objectName}");
    }

    /// <summary>Creates the container, or updates it, with its Temp-URL key, in one idempotent PUT.</summary>
    /// <remarks>A container made earlier without the key (or with another key) would make every TempURL a 401; a PUT
    /// on an existing container updates its metadata (202), so one request per process fixes that whether or not the
    /// container exists. A healthy run never gets here: it uploads nothing.</remarks>
    public async Task EnsureContainerAsync(DateTime deadlineUtc, CancellationToken ct)
    {
        Require(await SendAsync(Method.Put, Escape(_settings.Container), r =>
        {
            if (_settings.TempUrlKey is { } key) r.AddHeader("X-Container-Meta-Temp-URL-Key", key);
        }, deadlineUtc, ct), $"PUT container {_settings.Container}");
        _containerPrepared = true;
    }

    public void Dispose() => _http.Dispose();

    private async Task<SwiftSession> SessionAsync(DateTime deadlineUtc, CancellationToken ct)
    {
        if (_session is { } cached && (cached.ExpiresAt is not { } expires || _clock.GetUtcNow() < expires - RenewBeforeExpiry))
            return cached;
        _session = null;
        var session = await _authentication.AuthenticateAsync(deadlineUtc, ct);
        Authentications++;
        _session = session;
        return session;
    }

    private static void Require(RestResponse response, string what)
    {
        if (!response.IsSuccessStatusCode)
            throw new CentralDeliveryException($"Swift {what}: HTTP {(int)response.StatusCode} {response.StatusDescription}");
    }

    internal static string Escape(string segment) => Uri.EscapeDataString(segment);

    internal static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
