using Microsoft.Data.Sqlite;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Core.Reporting.Central;

/// <summary>The small SQL steps the readers and writers of
/// those tables share.</summary>
internal static class CentralStoreFile
{
    public static T Use<T>(StoreDatabase database, Func<SqliteConnection, T> action)
    {
        try
        {
            using var connection = database.Open();
            return action(connection);
        }
        catch (SqliteException e)
        {
            throw new StoreException($"Cannot use the central reporting state in {database.Path}: {e.Message}", database.Path, e);
        }
    }

    public static void Run(SqliteConnection connection, SqliteTransaction? transaction, string sql,
        params (string Name, object? Value)[] parameters)
    {
        using var command = new SqliteCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    public static string? Text(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    public static DateTimeOffset? Time(SqliteDataReader reader, int i) =>
        reader.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(i));
}
