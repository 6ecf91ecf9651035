using Microsoft.Data.Sqlite;

namespace NodeMonitor.Core.Storage;

/// <summary>
/// Applies a <see cref="RetentionPolicy"/> inside the transaction that stores a run, so a store is never
/// seen over its limits. The run just written is always kept, even when it alone is over the size limit.
/// Size means pages in use: freed pages are handed back to the file system (incremental vacuum), so the
/// file itself stays within the limit too (the WAL file, at most a few MiB, comes on top).
/// </summary>
internal sealed class RetentionSweep(RetentionPolicy policy)
{
    public void Apply(SqliteConnection connection, SqliteTransaction transaction, long keptRun, DateTimeOffset now)
    {
        long cutoff = StoredValues.Time(now - policy.MaxAge);
        int deleted = Execute(connection, transaction,
            "DELETE FROM runs WHERE start_time < $cutoff AND id <> $kept;", ("$cutoff", cutoff), ("$kept", keptRun));
        // A test that has not run for the whole retention age no longer exists (plugin removed, test renamed).
        deleted += Execute(connection, transaction, "DELETE FROM test_states WHERE last_seen < $cutoff;", ("$cutoff", cutoff));

        long used;
        while ((used = UsedBytes(connection, transaction)) > policy.MaxBytes)
        {
            long otherRuns = Scalar(connection, transaction, "SELECT count(*) FROM runs WHERE id <> $kept;", ("$kept", keptRun));
            if (otherRuns == 0) break;
            // Guess how many of the oldest runs free the excess from the average run size, then measure again.
            long averageRun = Math.Max(1, used / (otherRuns + 1));
            long batch = Math.Clamp((used - policy.MaxBytes + averageRun - 1) / averageRun, 1, otherRuns);
            deleted += Execute(connection, transaction,
                "DELETE FROM runs WHERE id IN (SELECT id FROM runs WHERE id <> $kept ORDER BY start_time, id LIMIT $batch);",
                ("$kept", keptRun), ("$batch", batch));
        }

        if (deleted > 0) Execute(connection, transaction, "PRAGMA incremental_vacuum;");
    }

    /// <summary>Bytes in pages that hold data, as seen by the open transaction.</summary>
    public static long UsedBytes(SqliteConnection connection, SqliteTransaction? transaction)
    {
        long pageSize = Scalar(connection, transaction, "PRAGMA page_size;");
        long pages = Scalar(connection, transaction, "PRAGMA page_count;");
        long free = Scalar(connection, transaction, "PRAGMA freelist_count;");
        return (pages - free) * pageSize;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql,
        params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql,
        params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql,
        (string Name, object Value)[] parameters)
    {
        var command = new SqliteCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }
}
