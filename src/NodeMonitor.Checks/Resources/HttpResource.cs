using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace NodeMonitor.Checks;

/// <summary>
/// An HTTP(S) endpoint, requested once (GET, redirects not followed) when first asserted on: status, body,
/// headers, days left on the server certificate. With <c>verifyCertificate: false</c> a self-signed or
/// expired certificate is still read, so its days left can be checked.
/// </summary>
public sealed class HttpResource : NodeResource
{
    private readonly string _url;
    private readonly bool _verifyCertificate;
    private readonly TimeSpan _timeout;
    private readonly Lazy<Response> _response;

    internal HttpResource(string url, bool verifyCertificate, TimeSpan? timeout)
    {
        _url = url;
        _verifyCertificate = verifyCertificate;
        _timeout = timeout ?? TimeSpan.FromSeconds(10);
        _response = new Lazy<Response>(Fetch);
    }

    public override string Description => $"http endpoint {_url}";

    internal override Finding? Observe(Fact fact, string? key)
    {
        if (fact is not (Fact.Status or Fact.Body or Fact.Header or Fact.CertificateDaysLeft))
        {
            return null;
        }

        var response = _response.Value;
        if (fact == Fact.CertificateDaysLeft)
        {
            return response.CertificateExpires is { } expires
                ? Finding.Of(Math.Floor((expires - DateTime.UtcNow).TotalDays))
                : Finding.Absent(response.Failure ?? "no certificate (not HTTPS)");
        }

        if (response.Failure is not null)
        {
            return Finding.Absent(response.Failure);
        }

        return fact switch
        {
            Fact.Status => Finding.Of(response.Status),
            Fact.Body => Finding.Of(response.Body),
            _ => response.Headers.TryGetValue(key!, out var value) ? Finding.Of(value) : Finding.Absent($"no header {key}"),
        };
    }

    private Response Fetch()
    {
        DateTime? expires = null;
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    expires = (certificate as X509Certificate2)?.NotAfter.ToUniversalTime();
                    return !_verifyCertificate || errors == SslPolicyErrors.None;
                },
            },
        };
        using var client = new HttpClient(handler) { Timeout = _timeout };
        try
        {
            using var response = client.GetAsync(_url).GetAwaiter().GetResult();
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            var headers = response.Headers.Concat(response.Content.Headers)
                .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
            return new Response((int)response.StatusCode, body, headers, expires, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            var why = e is TaskCanceledException ? $"no response within {_timeout.TotalSeconds:0.###} s" : $"request failed: {Innermost(e).Message}";
            return new Response(0, "", new Dictionary<string, string>(), expires, why);
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);

    private sealed record Response(int Status, string Body, Dictionary<string, string> Headers, DateTime? CertificateExpires, string? Failure);
}
