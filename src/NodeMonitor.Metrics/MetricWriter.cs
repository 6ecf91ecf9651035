using Microsoft.Data.Sqlite;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Metrics;

/// <summary>Writes samples inside one transaction: the series row (latest value), the raw sample and both rollups.</summary>
internal sealed class MetricWriter(SqliteConnection connection, SqliteTransaction transaction)
{
    public void Write(MetricSample sample)
    {
        string labels = MetricLabels.ToStored(sample.Labels);
        long time = sample.Time.ToUnixTimeMilliseconds();
        var (series, previous) = FindOrCreate(sample, labels, time);
        // A counter's stored value is its running total, so charts and /metrics show what Prometheus expects.
        double value = sample.Kind == MetricKind.Counter && !sample.ValueIsTotal ? previous + sample.Value : sample.Value;

        Execute("""
            UPDATE metric_series SET last_time = $time, last_value = $value, kind = $kind, unit = $unit
            WHERE id = $series AND last_time <= $time;
            """, ("$series", series), ("$time", time), ("$value", value), ("$kind", sample.Kind.ToString()),
            ("$unit", (object?)sample.Unit ?? DBNull.Value));
        Execute("INSERT OR REPLACE INTO metric_samples (series, time, value) VALUES ($series, $time, $value);",
            ("$series", series), ("$time", time), ("$value", value));
        foreach (var width in new[] { MetricStore.FineRollup, MetricStore.CoarseRollup })
        {
            long resolution = (long)width.TotalSeconds;
            long bucket = time - time % (resolution * 1000);
            Execute("""
                INSERT INTO metric_rollups (series, resolution, bucket, count, min, max, sum)
                VALUES ($series, $resolution, $bucket, 1, $value, $value, $value)
                ON CONFLICT (series, resolution, bucket) DO UPDATE SET
                    count = count + 1, min = min(min, excluded.min), max = max(max, excluded.max), sum = sum + excluded.sum;
                """, ("$series", series), ("$resolution", resolution), ("$bucket", bucket), ("$value", value));
        }
    }

    private (long Series, double Previous) FindOrCreate(MetricSample sample, string labels, long time)
    {
        using (var find = Command("SELECT id, last_value FROM metric_series WHERE name = $name AND labels = $labels;",
                   ("$name", sample.Name), ("$labels", labels)))
        using (var reader = find.ExecuteReader())
        {
            if (reader.Read()) return (reader.GetInt64(0), reader.GetDouble(1));
        }
        using var insert = Command("""
            INSERT INTO metric_series (name, labels, kind, unit, last_time, last_value)
            VALUES ($name, $labels, $kind, $unit, $time, 0) RETURNING id;
            """, ("$name", sample.Name), ("$labels", labels), ("$kind", sample.Kind.ToString()),
            ("$unit", (object?)sample.Unit ?? DBNull.Value), ("$time", time));
        return (Convert.ToInt64(insert.ExecuteScalar()), 0);
    }

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new SqliteCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }
}
