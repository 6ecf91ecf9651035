using NodeMonitor.Core.Storage;

namespace NodeMonitor.Cli.Wiring;

/// <summary>The store file of one writing command, opened once and handed to every sink. A store that cannot be opened
/// (disk full, immutable, unreadable) does not stop the checks: the run still goes through the pipeline, whose local
/// sink then fails with this reason, and the command exits with 3.</summary>
internal sealed class RunStore : IDisposable
{
    private RunStore(StoreDatabase? database, StoreException? openError)
    {
        Database = database;
        OpenError = openError;
    }

    public StoreDatabase? Database { get; }

    public StoreException? OpenError { get; }

    public static RunStore Open(string stateDirectory)
    {
        try
        {
            return new RunStore(StoreDatabase.OpenIn(stateDirectory), null);
        }
        catch (StoreException e)
        {
            return new RunStore(null, e);
        }
    }

    /// <summary>Says loudly when a corrupt store was moved aside, on opening or when the run's write found the damage.</summary>
    public void WarnIfMovedAside(TextWriter errors)
    {
        if (Database?.MovedAside is { } aside)
            errors.WriteLine($"nodemonitor: WARNING: the local store was corrupt; it was moved aside to {aside} and a fresh store was started " +
                             "(history and states before now are in that file)");
    }

    public void Dispose() => Database?.Dispose();
}
