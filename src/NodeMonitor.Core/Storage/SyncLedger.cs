using Microsoft.Data.Sqlite;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Storage;

/// <summary>
/// Which stored runs are already in Swift (<c>runs.synced_at</c>, NULL = not yet) and how the last sync went (the one
/// <c>central_sync</c> row), in the local store's file (schema 4). Runs are synced in the order they were stored (row id),
/// so the unsynced runs are always the newest ones and a batch is a contiguous range of rows.
/// </summary>
public sealed class SyncLedger : StoreDatabaseView
{
    private SyncLedger(StoreDatabase database, bool ownsDatabase)
        : base(database, ownsDatabase)
    {
    }

    /// <summary>On a store file the caller opened (and disposes).</summary>
    public static SyncLedger On(StoreDatabase database) => new(database, ownsDatabase: false);

    /// <summary>Opens (and migrates) the store in <paramref name="stateDirectory"/>.</summary>
    /// <exception cref="StoreException">The store cannot be opened.</exception>
    public static SyncLedger Open(string stateDirectory) => new(StoreDatabase.OpenIn(stateDirectory), ownsDatabase: true);

    /// <summary>The oldest unsynced runs (at most <paramref name="maxRuns"/>), with their plugin summaries but no per-test
    /// rows; null when every run is synced.</summary>
    /// <param name="afterBatch">Continue after this batch without marking it (for a dry run).</param>
    public SyncBatch? NextBatch(int maxRuns, SyncBatch? afterBatch = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRuns, 1);
        return Use("Cannot read", connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: true);
            var runs = new List<(long Row, StoredRun Run)>();
            using (var command = Command(connection, transaction, $"""
                SELECT id, run_id, node, start_time, end_time, passed, {StoredValues.CountColumns} FROM runs
                WHERE synced_at IS NULL AND id > $after ORDER BY id LIMIT $limit;
                """, ("$after", afterBatch?.LastRow ?? 0), ("$limit", maxRuns)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    runs.Add((reader.GetInt64(0), new StoredRun(reader.GetString(1), reader.GetString(2),
                        StoredValues.Time(reader.GetInt64(3)), StoredValues.Time(reader.GetInt64(4)), reader.GetBoolean(5),
                        StoredValues.Counts(reader), [], [])));
                }
            }
            if (runs.Count == 0) return null;
            long first = runs[0].Row, last = runs[^1].Row;
            var plugins = PluginsOf(connection, transaction, first, last);
            return new SyncBatch(runs.Select(r => r.Run with { Plugins = plugins.GetValueOrDefault(r.Row) ?? [] }).ToList())
            {
                FirstRow = first,
                LastRow = last,
            };
        });
    }

    /// <summary>After the object holding <paramref name="batch"/> was stored centrally: marks its runs synced and records
    /// the sync, in one transaction, so a crash leaves either both or neither.</summary>
    public void MarkSynced(SyncBatch batch, string objectName, long bytes, DateTimeOffset now) => Use("Cannot update", connection =>
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        long at = StoredValues.Time(now);
        // Rows of the batch only: the range is contiguous and a run stored meanwhile gets a higher row id.
        Execute(connection, transaction, "UPDATE runs SET synced_at = $at WHERE synced_at IS NULL AND id BETWEEN $first AND $last;",
            ("$at", at), ("$first", batch.FirstRow), ("$last", batch.LastRow));
        EnsureSyncRow(connection, transaction);
        Execute(connection, transaction, """
            UPDATE central_sync SET last_sync_at = $at, last_object = $object, last_runs = $runs, last_bytes = $bytes,
                                    last_attempt_at = $at, last_error = NULL
            WHERE id = 1;
            """, ("$at", at), ("$object", objectName), ("$runs", batch.Runs.Count), ("$bytes", bytes));
        transaction.Commit();
        return 0;
    });

    /// <summary>Records a failed sync attempt; the runs stay unsynced.</summary>
    public void RecordError(string error, DateTimeOffset now) => Use("Cannot update", connection =>
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        EnsureSyncRow(connection, transaction);
        Execute(connection, transaction, "UPDATE central_sync SET last_attempt_at = $at, last_error = $error WHERE id = 1;",
            ("$at", StoredValues.Time(now)), ("$error", error));
        transaction.Commit();
        return 0;
    });

    public SyncStatus Status() => Use("Cannot read", connection =>
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        return ReadStatus(connection, transaction);
    });

    /// <summary>The sync state inside a caller's read snapshot (the status read model reads it with the rest).</summary>
    public static SyncStatus ReadStatus(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = Command(connection, transaction, """
            SELECT s.last_sync_at, s.last_object, s.last_runs, s.last_bytes, s.last_attempt_at, s.last_error,
                   (SELECT count(*) FROM runs WHERE synced_at IS NULL),
                   (SELECT start_time FROM runs WHERE synced_at IS NULL ORDER BY id LIMIT 1)
            FROM (SELECT 1 AS id) one LEFT JOIN central_sync s ON s.id = one.id;
            """);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new SyncStatus(Time(reader, 0), reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetInt64(3), Time(reader, 4),
            reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt32(6), Time(reader, 7));
    }

    private static Dictionary<long, List<StoredPluginRun>> PluginsOf(SqliteConnection connection, SqliteTransaction transaction,
        long first, long last)
    {
        using var command = Command(connection, transaction, $"""
            SELECT run, name, status, error, running_test, duration_seconds, {StoredValues.CountColumns}
            FROM plugin_runs WHERE run BETWEEN $first AND $last ORDER BY run, name;
            """, ("$first", first), ("$last", last));
        using var reader = command.ExecuteReader();
        var plugins = new Dictionary<long, List<StoredPluginRun>>();
        while (reader.Read())
        {
            long run = reader.GetInt64(0);
            if (!plugins.TryGetValue(run, out var list)) plugins[run] = list = [];
            list.Add(new StoredPluginRun(reader.GetString(1), Enum.Parse<PluginStatus>(reader.GetString(2)),
                StoredValues.Text(reader, "error"), StoredValues.Text(reader, "running_test"),
                StoredValues.Duration(reader.GetDouble(5)), StoredValues.Counts(reader)));
        }
        return plugins;
    }

    private static DateTimeOffset? Time(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : StoredValues.Time(reader.GetInt64(i));

    private static void EnsureSyncRow(SqliteConnection connection, SqliteTransaction transaction) =>
        Execute(connection, transaction, "INSERT OR IGNORE INTO central_sync (id) VALUES (1);");

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql,
        params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql,
        params (string Name, object? Value)[] parameters) => StoreDatabase.Command(connection, transaction, sql, parameters);

    private T Use<T>(string failure, Func<SqliteConnection, T> action) => Database.Use($"{failure} the sync state in", action);
}

/// <summary>Runs that go into one synced object, oldest first.</summary>
public sealed record SyncBatch(IReadOnlyList<StoredRun> Runs)
{
    internal long FirstRow { get; init; }
    internal long LastRow { get; init; }
}

/// <summary>The sync state for <c>nodemonitor status</c> and the interval check.</summary>
/// <param name="LastSyncAt">When an object was last stored (null: never).</param>
/// <param name="LastError">Why the last attempt failed; null after a success.</param>
/// <param name="Unsynced">Stored runs not yet in Swift.</param>
/// <param name="OldestUnsyncedStart">Start time of the oldest of them.</param>
public sealed record SyncStatus(
    DateTimeOffset? LastSyncAt,
    string? LastObject,
    int? LastRuns,
    long? LastBytes,
    DateTimeOffset? LastAttemptAt,
    string? LastError,
    int Unsynced,
    DateTimeOffset? OldestUnsyncedStart);
