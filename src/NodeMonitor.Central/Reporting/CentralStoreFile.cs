using Microsoft.Data.Sqlite;
using NodeMonitor.Core.Storage;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Central;

/// <summary>The small SQL steps the readers and writers of the central tables (spool, bundle link, heartbeat) share.</summary>
internal static class CentralStoreFile
{
    public static T Use<T>(StoreDatabase database, Func<SqliteConnection, T> action) =>
        database.Use("Cannot use the central reporting state in", action);

    public static void Run(SqliteConnection connection, SqliteTransaction? transaction, string sql,
        params (string Name, object? Value)[] parameters)
    {
        using var command = StoreDatabase.Command(connection, transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    public static string? Text(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    public static DateTimeOffset? Time(SqliteDataReader reader, int i) =>
        reader.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(i));
}
