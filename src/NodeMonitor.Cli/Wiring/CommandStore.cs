using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Cli.Wiring;

/// <summary>The store as a verb opens it, with a store failure as exit 3. The read-only verbs (status, history,
/// metrics, serve) open it read-only, so they work on an immutable file and in a read-only state directory and never
/// create or migrate anything.</summary>
internal static class CommandStore
{
    /// <exception cref="CouldNotRunException">No run is stored yet, or the store cannot be read.</exception>
    public static StoreDatabase OpenReadOnly(NodeMonitorConfig cfg) => Open(() => StoreDatabase.OpenReadOnly(cfg.StateDirectory));

    /// <summary>For the writing verbs other than run and ingest (which go on without a store): creates and migrates.</summary>
    /// <exception cref="CouldNotRunException">The store cannot be created or opened.</exception>
    public static StoreDatabase OpenWritable(NodeMonitorConfig cfg) => Open(() => StoreDatabase.OpenIn(cfg.StateDirectory));

    private static StoreDatabase Open(Func<StoreDatabase> open)
    {
        try
        {
            return open();
        }
        catch (StoreException e)
        {
            throw new CouldNotRunException(e.Message);
        }
    }
}
