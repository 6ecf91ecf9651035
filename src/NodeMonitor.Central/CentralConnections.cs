using dotnet_etcd;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Etcd;
using NodeMonitor.Swift;

namespace NodeMonitor.Central;

/// <summary>
/// The etcd and Swift clients of one command, built from the configuration's sections: one etcd client for the report
/// and the heartbeat (its channel connects, with TLS and auth, on the first call only), one Swift client for bundles and
/// sync. Nothing is built when central reporting is off.
/// </summary>
public sealed class CentralConnections : IDisposable
{
    private CentralConnections(NodeMonitorConfig config, EtcdClient? etcd, SwiftClient? swift)
    {
        Config = config;
        Etcd = etcd;
        Swift = swift;
    }

    public NodeMonitorConfig Config { get; }

    public EtcdClient? Etcd { get; }

    public SwiftClient? Swift { get; }

    /// <summary>True when the configuration has an etcd or a swift section.</summary>
    public static bool Enabled(NodeMonitorConfig config) => config.Etcd is not null || config.Swift is not null;

    /// <exception cref="ConfigurationException">A certificate or key file cannot be read.</exception>
    public static CentralConnections Open(NodeMonitorConfig config)
    {
        var swift = config.Swift is { } s ? new SwiftClient(s) : null;
        try
        {
            return new CentralConnections(config, config.Etcd is { } e ? EtcdConnection.Create(e) : null, swift);
        }
        catch
        {
            swift?.Dispose();
            throw;
        }
    }

    public IFailureBundleStore? Bundles => Swift is null ? null : new SwiftBundleStore(Swift, Config.Swift!);

    public IFailureRecordStore? Records => Etcd is null ? null : new EtcdFailureRecords(Etcd, Config.Etcd!);

    /// <summary>One call's deadline: the longer of the two services' (a report calls both).</summary>
    public TimeSpan CallDeadline =>
        new[] { Config.Etcd?.Deadline, Config.Swift?.Deadline }.OfType<TimeSpan>().DefaultIfEmpty(EtcdSettings.DefaultDeadline).Max();

    public CentralReporter Reporter(CentralOutbox outbox) =>
        new(Config.Node, outbox, Bundles, Records, Config.Report, CallDeadline);

    public void Dispose()
    {
        Etcd?.Dispose();
        Swift?.Dispose();
    }
}
