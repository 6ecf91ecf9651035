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
    public static CentralStatusReader Open(string stateDirectory) => new(CentralStoreFile.Open(stateDirectory));

    public CentralStatus Read() => CentralStoreFile.Use(_database, connection =>
    {
        // A deferred transaction is one WAL read snapshot for every SELECT below.
        using var snapshot = connection.BeginTransaction(deferred: true);
        var status = new CentralStatus(CentralOutbox.ReadStatus(connection, snapshot), CentralOutbox.ReadBundleLink(connection, snapshot),
            HeartbeatLedger.ReadFrom(connection, snapshot), ReadSync(connection, snapshot), CountUnsynced(connection, snapshot));
        snapshot.Commit();
        return status;
    });

    public void Dispose() => _database.ReleaseConnections();

    private static SyncDeliveryStatus? ReadSync(SqliteConnection connection, SqliteTransaction snapshot)
    {
        using var command = new SqliteCommand(
            "SELECT last_sync_at, last_object, last_runs, last_bytes, last_attempt_at, last_error FROM central_sync WHERE id = 1;",
            connection, snapshot);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return new SyncDeliveryStatus(CentralStoreFile.Time(reader, 0), CentralStoreFile.Text(reader, 1), Number(reader, 2), Number(reader, 3),
            CentralStoreFile.Time(reader, 4), CentralStoreFile.Text(reader, 5));
    }

    private static long CountUnsynced(SqliteConnection connection, SqliteTransaction snapshot)
    {
        using var command = new SqliteCommand("SELECT count(*) FROM runs WHERE synced_at IS NULL;", connection, snapshot);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private static long? Number(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);
}
