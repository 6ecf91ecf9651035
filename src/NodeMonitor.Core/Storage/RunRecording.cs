using Microsoft.Data.Sqlite;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Storage;

/// <summary>
/// A run written into the store while it runs (<see cref="LocalStore.Record"/>), so that after its last test only the
/// summaries, retention and the commit are left. One write transaction (<c>BEGIN IMMEDIATE</c>) from the run's start to
/// its end holds the run's row and the states of the tests seen so far; nothing of it is visible before
/// <see cref="TryComplete"/> commits. A process killed before that, or a recording disposed without completing, leaves
/// the store as it was before the run: SQLite ignores WAL frames without their commit. Readers (WAL) never wait for it;
/// another writer waits for it (busy timeout), which is why every other writing command takes the run lock.
/// One thread at a time.
/// </summary>
public sealed class RunRecording : IDisposable
{
    private readonly StoreDatabase _database;
    private readonly RetentionSweep _retention;
    private readonly string _failure;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly RunWriter _writer;
    private readonly long _runRow;
    private readonly Dictionary<string, PluginSightings> _plugins = new(StringComparer.Ordinal);
    private bool _disposed;

    private RunRecording(StoreDatabase database, RetentionSweep retention, string failure, SqliteConnection connection,
        SqliteTransaction transaction, RunWriter writer, long runRow)
    {
        _database = database;
        _retention = retention;
        _failure = failure;
        _connection = connection;
        _transaction = transaction;
        _writer = writer;
        _runRow = runRow;
    }

    internal static RunRecording Begin(StoreDatabase database, RetentionSweep retention, string runId, string node, DateTimeOffset start)
    {
        string failure = $"Cannot store run {runId} in the local store";
        var connection = database.Connect(failure);
        SqliteTransaction? transaction = null;
        RunWriter? writer = null;
        try
        {
            transaction = connection.BeginTransaction(deferred: false);
            writer = new RunWriter(connection, transaction);
            // A placeholder summary until the run is complete; no one sees it before the commit.
            long runRow = writer.InsertRun(new RunResult(runId, node, start, start, []));
            return new RunRecording(database, retention, failure, connection, transaction, writer, runRow);
        }
        catch (Exception e)
        {
            writer?.Dispose();
            Discard(transaction);
            connection.Dispose();
            if (e is SqliteException sqlite) throw database.Failure(failure, sqlite);
            throw;
        }
    }

    /// <summary>Reads the plugin's stored states before its first test arrives (at its start, while its worker starts).</summary>
    /// <exception cref="StoreException">The store failed; the recording is of no further use.</exception>
    public void Expect(string plugin)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            SightingsOf(plugin);
        }
        catch (SqliteException e)
        {
            throw _database.Failure(_failure, e);
        }
    }

    /// <summary>One finished test of the run (already redacted, as the run will be).</summary>
    /// <exception cref="StoreException">The store failed; the recording is of no further use.</exception>
    public void Add(TestCaseResult test)
    {
        ArgumentNullException.ThrowIfNull(test);
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            SightingsOf(test.Plugin).See(TestObservation.Of(test));
        }
        catch (SqliteException e)
        {
            throw _database.Failure(_failure, e);
        }
    }

    /// <summary>The plugin has finished: what still waits of its sightings is written now rather than at the end.</summary>
    /// <exception cref="StoreException">The store failed; the recording is of no further use.</exception>
    public void EndPlugin(string plugin)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            if (_plugins.TryGetValue(plugin, out var sightings)) sightings.WriteLastSeen();
        }
        catch (SqliteException e)
        {
            throw _database.Failure(_failure, e);
        }
    }

    /// <summary>Completes the run and commits it, in the same transaction as everything recorded: plugin summaries,
    /// plugins' own states, the per-test rows, the run's summary, retirement and retention, exactly what
    /// <see cref="LocalStore.Write"/> would write for <paramref name="run"/>. Returns false, keeping nothing, when the run is
    /// not the one recorded (a test recorded that it lacks, or the other way round, or with other values), so the caller
    /// writes it at once instead. The recording is disposed either way.</summary>
    /// <exception cref="StoreException">The run could not be stored; nothing of it is kept.</exception>
    public bool TryComplete(RunResult run, IReadOnlySet<string>? installedPlugins = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            if (!Holds(run)) return false;
            foreach (var plugin in run.Plugins)
                _writer.FinishPlugin(_runRow, plugin, _plugins.GetValueOrDefault(plugin.Name) ?? _writer.Track(plugin.Name));
            _writer.UpdateRun(_runRow, run);
            if (installedPlugins is not null) PluginRetirement.Apply(_connection, _transaction, _runRow, run.EndTime, installedPlugins);
            _retention.Apply(_connection, _transaction, _runRow, run.StartTime);
            _transaction.Commit();
            return true;
        }
        catch (SqliteException e)
        {
            throw _database.Failure(_failure, e);
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Rolls back whatever was recorded unless it was committed, and gives the connection back.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _writer.Dispose();
        Discard(_transaction);
        _connection.Dispose();
    }

    /// <summary>True when writing <paramref name="run"/> at once would write what was recorded: each plugin's tests in
    /// the same order with the same stored values, no plugin twice, and nothing recorded of a plugin the run lacks.</summary>
    private bool Holds(RunResult run)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plugin in run.Plugins)
        {
            if (!names.Add(plugin.Name)) return false;
            IReadOnlyList<TestObservation> seen = _plugins.TryGetValue(plugin.Name, out var sightings) ? sightings.Seen : [];
            if (seen.Count != plugin.Tests.Count) return false;
            for (int i = 0; i < seen.Count; i++)
            {
                if (seen[i] != TestObservation.Of(plugin.Tests[i])) return false;
            }
        }
        return _plugins.Values.All(s => s.Seen.Count == 0 || names.Contains(s.Plugin));
    }

    private PluginSightings SightingsOf(string plugin)
    {
        if (!_plugins.TryGetValue(plugin, out var sightings)) _plugins[plugin] = sightings = _writer.Track(plugin);
        return sightings;
    }

    /// <summary>Rolls back an uncommitted transaction; a connection too broken to roll back loses it when closed.</summary>
    private static void Discard(SqliteTransaction? transaction)
    {
        try
        {
            transaction?.Dispose();
        }
        catch (SqliteException)
        {
            // Closing the connection rolls back all the same.
        }
    }
}
