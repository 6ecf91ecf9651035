namespace NodeMonitor.Core.Storage;

/// <summary>
/// A view over one opened <see cref="StoreDatabase"/> (a ledger, a spool, a status reader): either on a store the caller
/// opened and disposes, so one command opens the file once for all its views, or on one the view opened itself and
/// closes when disposed.
/// </summary>
public abstract class StoreDatabaseView : IDisposable
{
    private readonly bool _ownsDatabase;

    protected StoreDatabaseView(StoreDatabase database, bool ownsDatabase)
    {
        Database = database;
        _ownsDatabase = ownsDatabase;
    }

    protected StoreDatabase Database { get; }

    public void Dispose()
    {
        if (_ownsDatabase) Database.Dispose();
        GC.SuppressFinalize(this);
    }
}
