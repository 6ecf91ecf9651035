using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using dotnet_etcd;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Etcd;

/// <summary>Builds one long-lived <see cref="EtcdClient"/> from the <c>etcd</c> section: several endpoints,
/// user/password, TLS with a private CA and a client certificate, in any combination.</summary>
public static class EtcdConnection
{
    /// <exception cref="ConfigurationException">A certificate or key file cannot be read, or the password is empty.</exception>
    public static EtcdClient Create(EtcdSettings settings)
    {
        string endpoints = string.Join(",", settings.Endpoints);
        bool tls = settings.CaFile is not null || settings.CertFile is not null
            || settings.Endpoints.Any(e => e.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
        // Read the files before building the client so a wrong path is a configuration error, not a failed call.
        var material = tls ? TlsMaterial.Load(settings) : null;
        var client = new EtcdClient(endpoints, configureChannelOptions: OneAttemptPerMember(settings.Endpoints.Count),
            configureSslOptions: material is null ? null : options => material.Apply(options));
        // dotnet-etcd 10 has no constructor taking both TLS options and credentials, but every connection-string
        // client has its authentication handler in place; SetCredentials turns it on (token fetched on first use).
        if (settings.Username is { } user)
        {
            if (string.IsNullOrEmpty(settings.Password))
            {
                client.Dispose();
                throw new ConfigurationException("etcd.password is empty; a user needs its password", null, "etcd.password");
            }
            client.SetCredentials(user, settings.Password);
        }
        return client;
    }

    /// <summary>One attempt per call: <see cref="CentralReporter"/> owns retry (its spool), and dotnet-etcd's default retry
    /// policy (5 attempts, backing off from 1 s) turned a refused connection into the whole deadline. Round robin stays, so
    /// a call goes to an endpoint that is up. With several endpoints (the members of a cluster) a call that finds its
    /// member gone (Unavailable: refused or dropped connection) goes on at once to the next one, at most once per member
    /// and within the same deadline: that is failover, not retry. When no member answers, the call fails in milliseconds.</summary>
    private static Action<GrpcChannelOptions> OneAttemptPerMember(int endpoints) => options =>
    {
        var config = new ServiceConfig { LoadBalancingConfigs = { new RoundRobinConfig() } };
        if (endpoints > 1)
            config.MethodConfigs.Add(new MethodConfig
            {
                Names = { MethodName.Default },
                RetryPolicy = new RetryPolicy
                {
                    MaxAttempts = Math.Min(endpoints, 5), // gRPC's own limit is 5
                    InitialBackoff = TimeSpan.FromMilliseconds(1),
                    MaxBackoff = TimeSpan.FromMilliseconds(10),
                    BackoffMultiplier = 2,
                    RetryableStatusCodes = { StatusCode.Unavailable },
                },
            });
        options.ServiceConfig = config;
    };

    /// <summary>Runs one etcd call and turns any failure into a <see cref="CentralDeliveryException"/> naming
    /// <paramref name="what"/> (never a credential); a cancellation the caller asked for passes through.</summary>
    public static async Task<T> CallAsync<T>(string what, Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is not CentralDeliveryException && (e is not OperationCanceledException || !ct.IsCancellationRequested))
        {
            throw Failure(what, e);
        }
    }

    /// <summary>Turns an etcd failure into a one-line message without credentials.</summary>
    public static CentralDeliveryException Failure(string what, Exception e) =>
        new($"etcd {what}: {Describe(e)}".ReplaceLineEndings(" "), e);

    private static string Describe(Exception e) => e switch
    {
        RpcException { StatusCode: StatusCode.DeadlineExceeded } => "no answer before the deadline",
        // Without a retry policy, a call that runs out of time may surface as the canceled HTTP request it is.
        OperationCanceledException => "no answer before the deadline",
        RpcException { StatusCode: StatusCode.PermissionDenied } rpc => $"PermissionDenied (the user's role may not do this) {rpc.Status.Detail}",
        RpcException { StatusCode: StatusCode.Unavailable } rpc when SocketError(rpc.Status.DebugException) is { } socket =>
            $"Unavailable ({socket.Message})",
        RpcException rpc => $"{rpc.StatusCode} {Detail(rpc)}",
        _ => $"{e.GetType().Name} {e.Message}",
    };

    /// <summary>The socket failure under a connection error (e.g. "Connection refused"), however deeply it is wrapped.</summary>
    private static SocketException? SocketError(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is SocketException socket) return socket;
        return null;
    }

    // A failed authentication happens inside the HTTP handler, so gRPC reports it wrapped ("Error starting gRPC
    // call. RpcException: Status(...)"); etcd's own words are in the inner RpcException.
    private static string Detail(RpcException rpc) =>
        rpc.Status.DebugException is RpcException inner ? $"{inner.StatusCode} {inner.Status.Detail}"
        : rpc.Status.DebugException is { } other && rpc.Status.Detail.Length == 0 ? other.Message
        : rpc.Status.Detail;

    private sealed class TlsMaterial(X509Certificate2? ca, X509Certificate2? clientCertificate)
    {
        public static TlsMaterial Load(EtcdSettings settings)
        {
            if ((settings.CertFile is null) != (settings.KeyFile is null))
                throw new ConfigurationException("etcd.certFile and etcd.keyFile go together", null,
                    settings.CertFile is null ? "etcd.certFile" : "etcd.keyFile");
            var ca = settings.CaFile is { } caFile
                ? Read("etcd.caFile", caFile, () => X509CertificateLoader.LoadCertificateFromFile(caFile)) : null;
            var client = settings.CertFile is { } cert && settings.KeyFile is { } key
                ? Read("etcd.certFile", cert, () => X509Certificate2.CreateFromPemFile(cert, key)) : null;
            return new TlsMaterial(ca, client);
        }

        public void Apply(SslClientAuthenticationOptions options)
        {
            if (clientCertificate is not null) options.ClientCertificates = [clientCertificate];
            if (ca is null) return; // the system's trusted roots
            options.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (errors == SslPolicyErrors.None) return true;
                // Only an unknown root is forgiven, and only when it is our CA; a wrong host name never is.
                if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            };
        }

        private static X509Certificate2 Read(string key, string file, Func<X509Certificate2> load)
        {
            try
            {
                return load();
            }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                throw new ConfigurationException($"cannot read {file}: {e.Message}", null, key);
            }
        }
    }
}
