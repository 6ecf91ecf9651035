using Microsoft.Data.Sqlite;
using NodeMonitor.Core.Storage;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Central;

/// <summary>The node's record of its heartbeat (row id 1 of <c>central_heartbeat</c>, schema 4): read before each run's
/// decision, so the decision itself costs etcd nothing.</summary>
public sealed class HeartbeatLedger : StoreDatabaseView
{
    private HeartbeatLedger(StoreDatabase database, bool ownsDatabase)
        : base(database, ownsDatabase)
    {
    }

    /// <summary>On a store file the caller opened (and disposes).</summary>
    public static HeartbeatLedger On(StoreDatabase database) => new(database, ownsDatabase: false);

    /// <exception cref="StoreException">The store cannot be opened.</exception>
    public static HeartbeatLedger Open(string stateDirectory) => new(StoreDatabase.OpenIn(stateDirectory), ownsDatabase: true);

    /// <summary>Null when no heartbeat was ever attempted.</summary>
    public HeartbeatStatus? Read() => CentralStoreFile.Use(Database, connection => ReadFrom(connection, null));

    /// <param name="expiresAt">When the heartbeat stops counting (written + <see cref="HeartbeatSchedule.LeaseTtl"/>).</param>
    /// <param name="leaseExpiresAt">When the lease the key is bound to runs out; null when not known.</param>
    public void RecordWritten(long leaseId, DateTimeOffset writtenAt, DateTimeOffset expiresAt, string? published = null,
        DateTimeOffset? leaseExpiresAt = null) =>
        Update("lease_id = $lease, written_at = $at, expires_at = $expires, last_attempt_at = $at, last_error = NULL, published = $published, "
            + "lease_expires_at = $leaseExpires",
            ("$lease", leaseId), ("$at", writtenAt.ToUnixTimeMilliseconds()), ("$expires", expiresAt.ToUnixTimeMilliseconds()),
            ("$published", published), ("$leaseExpires", leaseExpiresAt?.ToUnixTimeMilliseconds()));

    public void RecordError(string error, DateTimeOffset at) =>
        Update("last_attempt_at = $at, last_error = $error", ("$at", at.ToUnixTimeMilliseconds()), ("$error", error));

    internal static HeartbeatStatus? ReadFrom(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = new SqliteCommand(
            "SELECT lease_id, written_at, expires_at, last_attempt_at, last_error, published, lease_expires_at FROM central_heartbeat WHERE id = 1;",
            connection, transaction);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return new HeartbeatStatus(reader.IsDBNull(0) ? null : reader.GetInt64(0), CentralStoreFile.Time(reader, 1),
            CentralStoreFile.Time(reader, 2), CentralStoreFile.Time(reader, 3), CentralStoreFile.Text(reader, 4))
        {
            Published = CentralStoreFile.Text(reader, 5),
            LeaseExpiresAt = CentralStoreFile.Time(reader, 6),
        };
    }

    private void Update(string assignments, params (string Name, object? Value)[] parameters) =>
        CentralStoreFile.Use(Database, connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            CentralStoreFile.Run(connection, transaction, "INSERT OR IGNORE INTO central_heartbeat (id) VALUES (1);");
            CentralStoreFile.Run(connection, transaction, $"UPDATE central_heartbeat SET {assignments} WHERE id = 1;", parameters);
            transaction.Commit();
            return 0;
        });
}
