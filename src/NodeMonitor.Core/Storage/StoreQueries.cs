using Microsoft.Data.Sqlite;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Storage;

/// <summary>
/// Reads the store. Callers run each query inside one read transaction, so a run that is deleted or
/// written meanwhile is seen either whole or not at all.
/// </summary>
internal sealed class StoreQueries(SqliteConnection connection, SqliteTransaction transaction)
{
    public const string SelectStates =
        "SELECT plugin, full_name, outcome, since, last_seen, consecutive_failures, message FROM test_states";

    private const string SelectRecords = """
        SELECT runs.run_id, r.plugin, r.full_name, r.outcome, r.label, r.site, r.message, r.stack_trace, r.output,
               r.duration_seconds, r.time, r.previous_outcome
        FROM test_records r JOIN runs ON runs.id = r.run
        """;

    public IReadOnlyList<StoredRun> Runs(DateTimeOffset? since, int limit) => RunsWhere(
        "WHERE $since IS NULL OR start_time >= $since ORDER BY start_time DESC, id DESC LIMIT $limit",
        ("$since", since is null ? DBNull.Value : StoredValues.Time(since.Value)), ("$limit", limit));

    /// <summary>The run with the highest row id: the one stored last, whatever its clock said.</summary>
    public StoredRun? LastStored() => RunsWhere("ORDER BY id DESC LIMIT 1").FirstOrDefault();

    private List<StoredRun> RunsWhere(string clauses, params (string Name, object Value)[] parameters)
    {
        using var command = Command($"SELECT id, run_id, node, start_time, end_time, passed, {StoredValues.CountColumns} FROM runs {clauses};");
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);

        var summaries = new List<(long Row, StoredRun Run)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                summaries.Add((reader.GetInt64(0), new StoredRun(
                    reader.GetString(1),
                    reader.GetString(2),
                    StoredValues.Time(reader.GetInt64(3)),
                    StoredValues.Time(reader.GetInt64(4)),
                    reader.GetBoolean(5),
                    StoredValues.Counts(reader),
                    [],
                    [])));
            }
        }
        return summaries.Select(s => s.Run with { Plugins = PluginsOf(s.Row), Tests = RecordsOf(s.Row) }).ToList();
    }

    /// <summary>Per-test rows, newest first; <paramref name="test"/> matches a case-insensitive part of the full name.</summary>
    public IReadOnlyList<StoredTestRecord> History(string? plugin, string? test, DateTimeOffset? since, int limit)
    {
        using var command = Command($"""
            {SelectRecords}
            WHERE ($plugin IS NULL OR r.plugin = $plugin)
              AND ($test IS NULL OR instr(lower(r.full_name), lower($test)) > 0)
              AND ($since IS NULL OR r.time >= $since)
            ORDER BY r.time DESC, r.id DESC LIMIT $limit;
            """);
        command.Parameters.AddWithValue("$plugin", StoredValues.Nullable(plugin));
        command.Parameters.AddWithValue("$test", StoredValues.Nullable(test));
        command.Parameters.AddWithValue("$since", since is null ? DBNull.Value : StoredValues.Time(since.Value));
        command.Parameters.AddWithValue("$limit", limit);
        return ReadRecords(command);
    }

    /// <summary>Every known state: Failed first, then the other non-passing outcomes, then Passed.</summary>
    public IReadOnlyList<TestState> CurrentStates()
    {
        using var command = Command($"""
            {SelectStates}
            ORDER BY CASE outcome WHEN 'Failed' THEN 0 WHEN 'Warning' THEN 1 WHEN 'Inconclusive' THEN 2
                                  WHEN 'Skipped' THEN 3 ELSE 4 END, plugin, full_name;
            """);
        using var reader = command.ExecuteReader();
        var states = new List<TestState>();
        while (reader.Read()) states.Add(ReadState(reader));
        return states;
    }

    public static TestState ReadState(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        StoredValues.Outcome(reader.GetString(2)),
        StoredValues.Time(reader.GetInt64(3)),
        StoredValues.Time(reader.GetInt64(4)),
        reader.GetInt32(5),
        reader.IsDBNull(6) ? null : reader.GetString(6));

    private List<StoredPluginRun> PluginsOf(long runRow)
    {
        using var command = Command($"""
            SELECT name, status, error, running_test, duration_seconds, {StoredValues.CountColumns}
            FROM plugin_runs WHERE run = $run ORDER BY name;
            """);
        command.Parameters.AddWithValue("$run", runRow);
        using var reader = command.ExecuteReader();
        var plugins = new List<StoredPluginRun>();
        while (reader.Read())
        {
            plugins.Add(new StoredPluginRun(
                reader.GetString(0),
                Enum.Parse<PluginStatus>(reader.GetString(1)),
                StoredValues.Text(reader, "error"),
                StoredValues.Text(reader, "running_test"),
                StoredValues.Duration(reader.GetDouble(4)),
                StoredValues.Counts(reader)));
        }
        return plugins;
    }

    private List<StoredTestRecord> RecordsOf(long runRow)
    {
        using var command = Command($"{SelectRecords} WHERE r.run = $run ORDER BY r.id;");
        command.Parameters.AddWithValue("$run", runRow);
        return ReadRecords(command);
    }

    private static List<StoredTestRecord> ReadRecords(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var records = new List<StoredTestRecord>();
        while (reader.Read())
        {
            records.Add(new StoredTestRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                StoredValues.Outcome(reader.GetString(3)),
                StoredValues.Text(reader, "label"),
                StoredValues.Text(reader, "site"),
                StoredValues.Text(reader, "message"),
                StoredValues.Text(reader, "stack_trace"),
                StoredValues.Text(reader, "output"),
                StoredValues.Duration(reader.GetDouble(9)),
                StoredValues.Time(reader.GetInt64(10)),
                reader.IsDBNull(11) ? null : StoredValues.Outcome(reader.GetString(11))));
        }
        return records;
    }

    private SqliteCommand Command(string sql) => new(sql, connection, transaction);
}
