using Microsoft.Data.Sqlite;

namespace NodeMonitor.Core.Storage;

/// <summary>
/// A plugin that is no longer installed stops counting: its current states are removed and each leaves a history row
/// (outcome Skipped, label "Retired", the old outcome as previous), in the transaction of the run that noticed.
/// </summary>
internal static class PluginRetirement
{
    public const string Label = "Retired";

    public static void Apply(SqliteConnection connection, SqliteTransaction transaction, long runRow, DateTimeOffset at,
        IReadOnlySet<string> installed)
    {
        // The plugins first (from the index, without reading every test's row): most runs retire nothing.
        var gone = new List<string>();
        using (var plugins = StoreDatabase.Command(connection, transaction, "SELECT DISTINCT plugin FROM test_states;"))
        using (var reader = plugins.ExecuteReader())
        {
            while (reader.Read())
                if (!installed.Contains(reader.GetString(0))) gone.Add(reader.GetString(0));
        }
        if (gone.Count == 0) return;
        var retired = new List<(string Plugin, string FullName, string Outcome)>();
        var names = gone.Select((plugin, i) => ($"$p{i}", (object?)plugin)).ToArray();
        using (var select = StoreDatabase.Command(connection, transaction,
            $"SELECT plugin, full_name, outcome FROM test_states WHERE plugin IN ({string.Join(", ", names.Select(n => n.Item1))}) ORDER BY rowid;",
            names))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read()) retired.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        foreach (var (plugin, fullName, outcome) in retired)
        {
            using var record = StoreDatabase.Command(connection, transaction, """
                INSERT INTO test_records (run, plugin, full_name, outcome, label, message, duration_seconds, time, previous_outcome)
                VALUES ($run, $plugin, $name, 'Skipped', $label, $message, 0, $time, $previous);
                """, ("$run", runRow), ("$plugin", plugin), ("$name", fullName), ("$label", Label),
                ("$message", $"plugin '{plugin}' is no longer installed; its state was retired"),
                ("$time", StoredValues.Time(at)), ("$previous", outcome));
            record.ExecuteNonQuery();
            using var delete = StoreDatabase.Command(connection, transaction,
                "DELETE FROM test_states WHERE plugin = $plugin AND full_name = $name;", ("$plugin", plugin), ("$name", fullName));
            delete.ExecuteNonQuery();
        }
    }
}
