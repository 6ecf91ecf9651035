using NodeMonitor.Central;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Etcd;

namespace NodeMonitor.Cli;

/// <summary>The silences in force for <c>status --silences</c>: one read of etcd, which must be configured and reachable.</summary>
internal static class StatusSilences
{
    public static async Task<IReadOnlyList<Silence>> ReadAsync(NodeMonitorConfig cfg, CancellationToken ct)
    {
        var etcd = cfg.Etcd ?? throw new ConfigurationException("--silences reads etcd, and there is no etcd section in the configuration", cfg.SourceFile, "etcd");
        using var client = EtcdConnection.Create(etcd);
        try
        {
            var now = DateTimeOffset.UtcNow;
            return (await new EtcdSilences(client, etcd).ListAsync(DateTime.UtcNow + etcd.Deadline, ct)).Where(s => s.IsActiveAt(now)).ToList();
        }
        catch (CentralDeliveryException e)
        {
            throw new CouldNotRunException(e.Message);
        }
    }
}
