using Microsoft.Data.Sqlite;

namespace NodeMonitor.Tests.Shared;

/// <summary>Every row of a store's result tables as text, in storage order (ids included), read through a connection of
/// its own: two stores hold the same results exactly when their rows are equal.</summary>
internal static class StoreRows
{
    private static readonly string[] Queries =
    [
        "SELECT * FROM runs ORDER BY id",
        "SELECT * FROM plugin_runs ORDER BY run, name",
        "SELECT * FROM test_records ORDER BY id",
        // A state's rowid says only when its test was first seen, not what it holds.
        "SELECT * FROM test_states ORDER BY plugin, full_name",
    ];

    public static IReadOnlyList<string> Of(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        connection.Open();
        var rows = new List<string>();
        foreach (string query in Queries)
        {
            using var command = new SqliteCommand(query, connection);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var values = Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i)));
                rows.Add($"{TableOf(query)}: {string.Join(" | ", values)}");
            }
        }
        return rows;
    }

    /// <summary>Rows of one table.</summary>
    public static IReadOnlyList<string> Of(string databasePath, string table) =>
        Of(databasePath).Where(r => r.StartsWith(table + ":", StringComparison.Ordinal)).ToList();

    private static string TableOf(string query) => query.Split(" FROM ")[1].Split(' ')[0];
}
