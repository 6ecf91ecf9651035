using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using dotnet_etcd;
using Grpc.Core;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Etcd;

/// <summary>Builds one long-lived <see cref="EtcdClient"/> from the <c>etcd</c> section: several endpoints,
/// user/password, TLS with a private CA and a client certificate.</summary>
public static class EtcdConnection
{
    public static EtcdClient Create(EtcdSettings settings)
    {
        string endpoints = string.Join(",", settings.Endpoints);
        bool tls = settings.CaFile is not null || settings.CertFile is not null;
        if (!tls)
        {
            return settings.Username is null
                ? new EtcdClient(endpoints)
                : new EtcdClient(endpoints, settings.Username, settings.Password ?? "");
        }
        return new EtcdClient(endpoints, configureSslOptions: options => ConfigureTls(options, settings));
    }

    private static void ConfigureTls(SslClientAuthenticationOptions options, EtcdSettings settings)
    {
        if (settings.CertFile is { } cert && settings.KeyFile is { } key)
            options.ClientCertificates = [X509Certificate2.CreateFromPemFile(cert, key)];
        if (settings.CaFile is { } caFile)
        {
            var ca = X509CertificateLoader.LoadCertificateFromFile(caFile);
            options.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (errors == SslPolicyErrors.None) return true;
                if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            };
        }
    }

    /// <summary>Turns an etcd failure into a message without credentials.</summary>
    public static CentralDeliveryException Failure(string what, Exception e) => e switch
    {
        RpcException { StatusCode: StatusCode.DeadlineExceeded } => new($"etcd {what}: no answer before the deadline", e),
        RpcException rpc => new($"etcd {what}: {rpc.StatusCode} {rpc.Status.Detail}", e),
        _ => new($"etcd {what}: {e.GetType().Name} {e.Message}", e),
    };
}
