using System.Text.Json;
using Microsoft.Data.Sqlite;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Storage;

/// <summary>
/// Writes one run inside the caller's transaction: the run and plugin summaries, the per-test rows that are
/// worth keeping (see <see cref="TestStateChange"/>), and every test's current state.
/// </summary>
internal sealed class RunWriter(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
{
    private readonly SqliteCommand _insertPlugin = Prepare(connection, transaction, $"""
        INSERT INTO plugin_runs (run, name, status, error, running_test, duration_seconds, {StoredValues.CountColumns})
        VALUES ($run, $name, $status, $error, $running_test, $duration, {StoredValues.CountParameters});
        """);

    private readonly SqliteCommand _insertRecord = Prepare(connection, transaction, """
        INSERT INTO test_records (run, plugin, full_name, outcome, label, site, message, stack_trace, output,
                                  duration_seconds, time, previous_outcome)
        VALUES ($run, $plugin, $full_name, $outcome, $label, $site, $message, $stack_trace, $output,
                $duration, $time, $previous_outcome);
        """);

    private readonly SqliteCommand _saveState = Prepare(connection, transaction, """
        INSERT INTO test_states (plugin, full_name, outcome, since, last_seen, consecutive_failures, message)
        VALUES ($plugin, $full_name, $outcome, $since, $last_seen, $consecutive_failures, $message)
        ON CONFLICT (plugin, full_name) DO UPDATE SET
            outcome = excluded.outcome, since = excluded.since, last_seen = excluded.last_seen,
            consecutive_failures = excluded.consecutive_failures, message = excluded.message;
        """);

    /// <summary>Writes <paramref name="run"/> and returns its row id.</summary>
    public long Write(RunResult run)
    {
        long runRow = InsertRun(run);
        foreach (var plugin in run.Plugins)
        {
            InsertPlugin(runRow, plugin);
            var states = StatesOf(plugin.Name);
            // Most tests keep their state from run to run and only their last sighting moves: those are updated
            // together in one statement, not one upsert each (20,000 tests: 20,000 statements less per run).
            var onlySeenAgain = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var seen in plugin.Tests.Select(TestObservation.Of).Append(TestObservation.OfPlugin(plugin)))
            {
                var previous = states.GetValueOrDefault(seen.FullName);
                var change = TestStateChange.Apply(plugin.Name, previous, seen);
                if (change.KeepsRecord) InsertRecord(runRow, plugin.Name, seen, change.PreviousOutcome);
                if (previous is not null && change.Next with { LastSeen = previous.LastSeen } == previous)
                {
                    onlySeenAgain[seen.FullName] = StoredValues.Time(change.Next.LastSeen);
                }
                else
                {
                    onlySeenAgain.Remove(seen.FullName);
                    SaveState(change.Next);
                }
                // A name seen twice in one plugin (two assemblies, duplicate test cases) compares with its latest sighting.
                states[seen.FullName] = change.Next;
            }
            UpdateLastSeen(plugin.Name, onlySeenAgain);
        }
        return runRow;
    }

    private void UpdateLastSeen(string plugin, Dictionary<string, long> lastSeen)
    {
        if (lastSeen.Count == 0) return;
        // Through a keyed temporary table, so both sides of the join are looked up by index: joining json_each
        // directly lets SQLite scan one side once per row of the other.
        using var command = Prepare(connection, transaction, """
            CREATE TEMP TABLE IF NOT EXISTS seen_again (full_name TEXT PRIMARY KEY, time INTEGER NOT NULL) WITHOUT ROWID;
            DELETE FROM seen_again;
            INSERT INTO seen_again (full_name, time)
                SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each($seen);
            UPDATE test_states SET last_seen = seen_again.time FROM seen_again
            WHERE test_states.plugin = $plugin AND test_states.full_name = seen_again.full_name;
            DELETE FROM seen_again;
            """);
        command.Parameters.AddWithValue("$plugin", plugin);
        command.Parameters.AddWithValue("$seen", PairsAsJson(lastSeen));
        command.ExecuteNonQuery();
    }

    private static string PairsAsJson(Dictionary<string, long> pairs)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var (name, time) in pairs)
            {
                json.WriteStartArray();
                json.WriteStringValue(name);
                json.WriteNumberValue(time);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private long InsertRun(RunResult run)
    {
        using var command = Prepare(connection, transaction, $"""
            INSERT INTO runs (run_id, node, start_time, end_time, passed, {StoredValues.CountColumns})
            VALUES ($run_id, $node, $start_time, $end_time, $passed_run, {StoredValues.CountParameters})
            RETURNING id;
            """);
        command.Parameters.AddWithValue("$run_id", run.RunId);
        command.Parameters.AddWithValue("$node", run.Node);
        command.Parameters.AddWithValue("$start_time", StoredValues.Time(run.StartTime));
        command.Parameters.AddWithValue("$end_time", StoredValues.Time(run.EndTime));
        command.Parameters.AddWithValue("$passed_run", run.Passed);
        StoredValues.AddCounts(command, run.Counts);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private void InsertPlugin(long runRow, PluginResult plugin)
    {
        var p = _insertPlugin.Parameters;
        p.Clear();
        p.AddWithValue("$run", runRow);
        p.AddWithValue("$name", plugin.Name);
        p.AddWithValue("$status", plugin.Status.ToString());
        p.AddWithValue("$error", StoredValues.Nullable(OutputLimits.Cap(plugin.Error, OutputLimits.MessageChars)));
        p.AddWithValue("$running_test", StoredValues.Nullable(plugin.RunningTest));
        p.AddWithValue("$duration", StoredValues.Seconds(plugin.Duration));
        StoredValues.AddCounts(_insertPlugin, plugin.Counts);
        _insertPlugin.ExecuteNonQuery();
    }

    private void InsertRecord(long runRow, string plugin, TestObservation seen, TestOutcome? previousOutcome)
    {
        var p = _insertRecord.Parameters;
        p.Clear();
        p.AddWithValue("$run", runRow);
        p.AddWithValue("$plugin", plugin);
        p.AddWithValue("$full_name", seen.FullName);
        p.AddWithValue("$outcome", seen.Outcome.ToString());
        p.AddWithValue("$label", StoredValues.Nullable(seen.Label));
        p.AddWithValue("$site", StoredValues.Nullable(seen.Site));
        p.AddWithValue("$message", StoredValues.Nullable(seen.Message));
        p.AddWithValue("$stack_trace", StoredValues.Nullable(seen.StackTrace));
        // Full output is the bulk of a record: worth its space only when something failed.
        p.AddWithValue("$output", StoredValues.Nullable(seen.Outcome == TestOutcome.Failed ? seen.Output : null));
        p.AddWithValue("$duration", StoredValues.Seconds(seen.Duration));
        p.AddWithValue("$time", StoredValues.Time(seen.Time));
        p.AddWithValue("$previous_outcome", StoredValues.Nullable(previousOutcome?.ToString()));
        _insertRecord.ExecuteNonQuery();
    }

    private void SaveState(TestState state)
    {
        var p = _saveState.Parameters;
        p.Clear();
        p.AddWithValue("$plugin", state.Plugin);
        p.AddWithValue("$full_name", state.FullName);
        p.AddWithValue("$outcome", state.Outcome.ToString());
        p.AddWithValue("$since", StoredValues.Time(state.Since));
        p.AddWithValue("$last_seen", StoredValues.Time(state.LastSeen));
        p.AddWithValue("$consecutive_failures", state.ConsecutiveFailures);
        p.AddWithValue("$message", StoredValues.Nullable(state.Message));
        _saveState.ExecuteNonQuery();
    }

    private Dictionary<string, TestState> StatesOf(string plugin)
    {
        using var command = Prepare(connection, transaction, $"{StoreQueries.SelectStates} WHERE plugin = $plugin;");
        command.Parameters.AddWithValue("$plugin", plugin);
        using var reader = command.ExecuteReader();
        var states = new Dictionary<string, TestState>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var state = StoreQueries.ReadState(reader);
            states[state.FullName] = state;
        }
        return states;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql) =>
        new(sql, connection, transaction);

    public void Dispose()
    {
        _insertPlugin.Dispose();
        _insertRecord.Dispose();
        _saveState.Dispose();
    }
}
