using Microsoft.Data.Sqlite;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Core.Reporting.Central;

/// <summary>Reads <see cref="CentralStatus"/> from the local store in one snapshot, so it never contradicts itself while
/// a run is writing. Tables another part fills later (e.g. an empty <c>central_sync</c>) read as null.</summary>
public sealed class CentralStatusReader : IDisposable
{
    private readonly StoreDatabase _database;

    private readonly bool _ownsDatabase;

    private CentralStatusReader(StoreDatabase database, bool ownsDatabase)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
    }

    /// <summary>On a store file the caller opened (and disposes).</summary>
    public static CentralStatusReader On(StoreDatabase database) => new(database, ownsDatabase: false);

    /// <exception cref="StoreException">The store cannot be opened.</exception>
    public static CentralStatusReader Open(string stateDirectory) => new(StoreDatabase.OpenReadOnly(stateDirectory), ownsDatabase: true);

    public CentralStatus Read() => CentralStoreFile.Use(_database, connection =>
    {
        // A deferred transaction is one WAL read snapshot for every SELECT below.
        using var snapshot = connection.BeginTransaction(deferred: true);
        var sync = SyncLedger.ReadStatus(connection, snapshot);
        var status = new CentralStatus(CentralOutbox.ReadStatus(connection, snapshot), CentralOutbox.ReadBundleLink(connection, snapshot),
            HeartbeatLedger.ReadFrom(connection, snapshot), ReadSync(sync), sync.Unsynced);
        snapshot.Commit();
        return status;
    });

    public void Dispose()
    {
        if (_ownsDatabase) _database.Dispose();
    }

    private static SyncStatus? ReadSync(SyncStatus sync) => sync.LastAttemptAt is null && sync.LastSyncAt is null ? null : sync;
}
