using Microsoft.Data.Sqlite;

namespace NodeMonitor.Metrics;

/// <summary>Applies <see cref="MetricRetention"/> inside the write transaction. Deletes series by series so
/// every delete walks the primary key instead of scanning the whole table once a minute.</summary>
internal sealed class MetricSweep(MetricRetention retention)
{
    public void Apply(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now)
    {
        long raw = (now - retention.RawAge).ToUnixTimeMilliseconds();
        long fine = (now - retention.FineRollupAge).ToUnixTimeMilliseconds();
        long coarse = (now - retention.RollupAge).ToUnixTimeMilliseconds();

        int deleted = Execute(connection, transaction, "DELETE FROM metric_series WHERE last_time < $cutoff;", ("$cutoff", coarse));
        var series = new List<long>();
        using (var list = new SqliteCommand("SELECT id FROM metric_series;", connection, transaction))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read()) series.Add(reader.GetInt64(0));
        }
        foreach (long id in series)
        {
            deleted += Execute(connection, transaction, "DELETE FROM metric_samples WHERE series = $s AND time < $cutoff;", ("$s", id), ("$cutoff", raw));
            deleted += Execute(connection, transaction, "DELETE FROM metric_rollups WHERE series = $s AND resolution = $r AND bucket < $cutoff;",
                ("$s", id), ("$r", (long)MetricStore.FineRollup.TotalSeconds), ("$cutoff", fine));
            deleted += Execute(connection, transaction, "DELETE FROM metric_rollups WHERE series = $s AND resolution = $r AND bucket < $cutoff;",
                ("$s", id), ("$r", (long)MetricStore.CoarseRollup.TotalSeconds), ("$cutoff", coarse));
        }
        if (deleted > 0) Execute(connection, transaction, "PRAGMA incremental_vacuum;");
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = new SqliteCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command.ExecuteNonQuery();
    }
}
