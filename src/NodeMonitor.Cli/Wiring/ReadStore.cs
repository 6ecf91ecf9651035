using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Cli.Wiring;

/// <summary>The store as the read-only verbs (status, history, metrics, serve) open it: read-only, so they work on an
/// immutable file and in a read-only state directory, and never create or migrate anything.</summary>
internal static class ReadStore
{
    /// <exception cref="CouldNotRunException">No run is stored yet, or the store cannot be read.</exception>
    public static StoreDatabase Open(NodeMonitorConfig cfg)
    {
        try
        {
            return StoreDatabase.OpenReadOnly(cfg.StateDirectory);
        }
        catch (StoreException e)
        {
            throw new CouldNotRunException(e.Message);
        }
    }
}
