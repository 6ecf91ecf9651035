using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace NodeMonitor.Checks.Tests.Resources;

/// <summary>Against a one-request HTTP(S) server on the loopback interface, started in each test.</summary>
public sealed class HttpResourceTests
{
    private const string Reply = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nX-Node: alpha\r\nContent-Length: 7\r\nConnection: close\r\n\r\nstopped";

    [Test]
    public void An_http_endpoint_reports_status_body_and_headers()
    {
        using var server = new OneResponseServer(certificate: null);

        Assert.That(Resource.Http($"http://127.0.0.1:{server.Port}/health"),
            Its.Status(503).And.Body(Is.EqualTo("stopped")).And.Header("x-node", "alpha").And.Header("Content-Type", Does.StartWith("text/plain")));
    }

    [Test]
    public void A_wrong_status_says_what_was_found()
    {
        using var server = new OneResponseServer(certificate: null);

        var failure = Assert.Throws<AssertionException>(() => Assert.That(Resource.Http($"http://127.0.0.1:{server.Port}/"), Its.Status(200)));

        Assert.That(failure!.Message, Does.Contain("expected status 200, found status 503"));
    }

    [Test]
    public void A_closed_port_fails_with_the_request_error()
    {
        var port = FreePort();

        var failure = Assert.Throws<AssertionException>(() => Assert.That(Resource.Http($"http://127.0.0.1:{port}/"), Its.Status(200)));

        Assert.That(failure!.Message, Does.Contain("request failed"));
    }

    [Test]
    public void The_days_left_on_a_self_signed_certificate_are_read_without_trusting_it()
    {
        using var certificate = SelfSignedCertificate(validDays: 30);
        using var server = new OneResponseServer(certificate);

        Assert.That(Resource.Http($"https://127.0.0.1:{server.Port}/", verifyCertificate: false),
            Its.CertificateDaysLeft(Is.InRange(28, 30)).And.Status(503));
    }

    [Test]
    public void An_untrusted_certificate_fails_when_verification_is_on()
    {
        using var certificate = SelfSignedCertificate(validDays: 30);
        using var server = new OneResponseServer(certificate);

        Assert.That(Resource.Http($"https://127.0.0.1:{server.Port}/"), Its.Not.Status(503));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static X509Certificate2 SelfSignedCertificate(int validDays)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(validDays));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    /// <summary>Answers one connection with <see cref="Reply"/>, over TLS when given a certificate.</summary>
    private sealed class OneResponseServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        public OneResponseServer(X509Certificate2? certificate)
        {
            _listener.Start();
            _ = Task.Run(() => Serve(certificate));
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public void Dispose() => _listener.Stop();

        private async Task Serve(X509Certificate2? certificate)
        {
            try
            {
                using var client = await _listener.AcceptTcpClientAsync();
                Stream stream = client.GetStream();
                if (certificate is not null)
                {
                    var tls = new SslStream(stream);
                    await tls.AuthenticateAsServerAsync(certificate);
                    stream = tls;
                }

                var buffer = new byte[4096];
                _ = await stream.ReadAsync(buffer);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(Reply));
                await stream.FlushAsync();
                await stream.DisposeAsync();
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or AuthenticationException)
            {
                // The client refused the certificate or the test ended: nothing to answer.
            }
        }
    }
}
