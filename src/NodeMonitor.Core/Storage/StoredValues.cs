using Microsoft.Data.Sqlite;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Storage;

/// <summary>How model values map to columns (see <see cref="StoreSchema"/>), in one place for writer and reader.</summary>
internal static class StoredValues
{
    public static long Time(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset Time(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);

    public static double Seconds(TimeSpan duration) => duration.TotalSeconds;

    public static TimeSpan Duration(double seconds) => TimeSpan.FromSeconds(seconds);

    public static TestOutcome Outcome(string name) => Enum.Parse<TestOutcome>(name);

    public static object Nullable(string? text) => text is null ? DBNull.Value : text;

    public static string? Text(SqliteDataReader reader, string column)
    {
        int ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    public static OutcomeCounts Counts(SqliteDataReader reader) => new(
        reader.GetInt32(reader.GetOrdinal("tests_total")),
        reader.GetInt32(reader.GetOrdinal("tests_passed")),
        reader.GetInt32(reader.GetOrdinal("tests_failed")),
        reader.GetInt32(reader.GetOrdinal("tests_warnings")),
        reader.GetInt32(reader.GetOrdinal("tests_inconclusive")),
        reader.GetInt32(reader.GetOrdinal("tests_skipped")));

    public static void AddCounts(SqliteCommand command, OutcomeCounts counts)
    {
        command.Parameters.AddWithValue("$total", counts.Total);
        command.Parameters.AddWithValue("$passed_count", counts.Passed);
        command.Parameters.AddWithValue("$failed", counts.Failed);
        command.Parameters.AddWithValue("$warnings", counts.Warnings);
        command.Parameters.AddWithValue("$inconclusive", counts.Inconclusive);
        command.Parameters.AddWithValue("$skipped", counts.Skipped);
    }

    public const string CountColumns = "tests_total, tests_passed, tests_failed, tests_warnings, tests_inconclusive, tests_skipped";

    public const string CountParameters = "$total, $passed_count, $failed, $warnings, $inconclusive, $skipped";
}
