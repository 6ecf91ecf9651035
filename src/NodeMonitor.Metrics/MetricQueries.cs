using Microsoft.Data.Sqlite;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Metrics;

/// <summary>Reads metrics inside one read transaction (one consistent snapshot).</summary>
internal sealed class MetricQueries(SqliteConnection connection, SqliteTransaction transaction)
{
    private readonly Dictionary<MetricSeries, long> _ids = new(ReferenceEqualityComparer.Instance);

    public IReadOnlyList<MetricSeries> Series(string? name, IReadOnlyDictionary<string, string>? selector)
    {
        using var command = new SqliteCommand("""
            SELECT id, name, labels, kind, unit, last_time, last_value FROM metric_series
            WHERE $name IS NULL OR name = $name ORDER BY name, labels;
            """, connection, transaction);
        command.Parameters.AddWithValue("$name", (object?)name ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var series = new List<MetricSeries>();
        while (reader.Read())
        {
            var labels = MetricLabels.FromStored(reader.GetString(2));
            if (!MetricLabels.Matches(labels, selector)) continue;
            var one = new MetricSeries(
                reader.GetString(1),
                labels,
                Enum.Parse<MetricKind>(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                reader.GetDouble(6));
            _ids[one] = reader.GetInt64(0);
            series.Add(one);
        }
        return series;
    }

    public IReadOnlyList<MetricPoint> Points(MetricSeries series, TimeSpan resolution, DateTimeOffset from, DateTimeOffset to)
    {
        using var command = resolution == TimeSpan.Zero
            ? new SqliteCommand("""
                SELECT time, value, value, value FROM metric_samples
                WHERE series = $s AND time >= $from AND time <= $to ORDER BY time;
                """, connection, transaction)
            : new SqliteCommand("""
                SELECT bucket, min, sum / count, max FROM metric_rollups
                WHERE series = $s AND resolution = $r AND bucket >= $from AND bucket <= $to ORDER BY bucket;
                """, connection, transaction);
        command.Parameters.AddWithValue("$s", _ids[series]);
        command.Parameters.AddWithValue("$r", (long)resolution.TotalSeconds);
        // A bucket that started before the window still holds samples inside it.
        long start = from.ToUnixTimeMilliseconds() - (long)resolution.TotalMilliseconds;
        command.Parameters.AddWithValue("$from", start);
        command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        using var reader = command.ExecuteReader();
        var points = new List<MetricPoint>();
        while (reader.Read())
        {
            points.Add(new MetricPoint(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
                reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3)));
        }
        return points;
    }

    public long UsedBytes()
    {
        long Scalar(string sql)
        {
            using var command = new SqliteCommand(sql, connection, transaction);
            return Convert.ToInt64(command.ExecuteScalar());
        }
        return (Scalar("PRAGMA page_count;") - Scalar("PRAGMA freelist_count;")) * Scalar("PRAGMA page_size;");
    }
}
