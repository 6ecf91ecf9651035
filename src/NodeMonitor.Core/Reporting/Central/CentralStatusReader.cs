using Microsoft.Data.Sqlite;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Core.Reporting.Central;

/// <summary>Reads <see cref="CentralStatus"/> from the local store in one snapshot, so it never contradicts itself while
/// a run is writing. Tables another part fills later (e.g. an empty <c>central_sync</c>) read as null.</summary>
public sealed class CentralStatusReader : IDisposable
{
    private readonly StoreDatabase _database;

    private CentralStatusReader(StoreDatabase database) => _database = database;

    /// <exception cref="StoreException">The store cannot be opened.</exception>
    public static CentralStatusReader Open(string stateDirectory) => new(StoreDatabase.OpenIn(stateDirectory));

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

    public void Dispose() => _database.ReleaseConnections();

    private static SyncStatus? ReadSync(SyncStatus sync) => sync.LastAttemptAt is null && sync.LastSyncAt is null ? null : sync;
}
