using Microsoft.Data.Sqlite;
using NodeMonitor.Core.Storage;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Central;

/// <summary>Reads <see cref="CentralStatus"/> from the local store in one snapshot, so it never contradicts itself while
/// a run is writing. Tables another part fills later (e.g. an empty <c>central_sync</c>) read as null.</summary>
public sealed class CentralStatusReader : StoreDatabaseView
{
    private CentralStatusReader(StoreDatabase database, bool ownsDatabase)
        : base(database, ownsDatabase)
    {
    }

    /// <summary>On a store file the caller opened (and disposes).</summary>
    public static CentralStatusReader On(StoreDatabase database) => new(database, ownsDatabase: false);

    /// <exception cref="StoreException">The store cannot be opened.</exception>
    public static CentralStatusReader Open(string stateDirectory) => new(StoreDatabase.OpenReadOnly(stateDirectory), ownsDatabase: true);

    public CentralStatus Read() => CentralStoreFile.Use(Database, connection =>
    {
        // A deferred transaction is one WAL read snapshot for every SELECT below.
        using var snapshot = connection.BeginTransaction(deferred: true);
        var sync = SyncLedger.ReadStatus(connection, snapshot);
        var status = new CentralStatus(CentralOutbox.ReadStatus(connection, snapshot), CentralOutbox.ReadBundleLink(connection, snapshot),
            HeartbeatLedger.ReadFrom(connection, snapshot), ReadSync(sync), sync.Unsynced);
        snapshot.Commit();
        return status;
    });

    private static SyncStatus? ReadSync(SyncStatus sync) => sync.LastAttemptAt is null && sync.LastSyncAt is null ? null : sync;
}
