using Microsoft.Data.Sqlite;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Storage;

/// <summary>
/// The node's source of truth: a SQLite file (<c>nodemonitor.db</c>) in the state directory. Each run is
/// stored in one transaction, so a run killed mid-write leaves the previous state. Volume stays small by design:
/// run and plugin summaries every run, per-test rows only for tests that did not pass and for state
/// transitions, full output only for failures, and <see cref="RetentionPolicy"/> applied as part of every write.
/// WAL mode lets <c>nodemonitor serve</c> read while <c>nodemonitor run</c> writes. Safe to use from several
/// threads: every call uses its own (pooled) connection.
/// </summary>
public sealed class LocalStore : IDisposable
{
    public const string DatabaseFileName = "nodemonitor.db";

    private readonly StoreDatabase _database;
    private readonly RetentionSweep _retention;
    private readonly bool _ownsDatabase;
    private bool _disposed;

    private LocalStore(StoreDatabase database, RetentionPolicy retention, bool ownsDatabase)
    {
        _database = database;
        _retention = new RetentionSweep(retention);
        _ownsDatabase = ownsDatabase;
    }

    /// <summary>Absolute path of the store file.</summary>
    public string DatabasePath => _database.Path;

    /// <summary>Opens the store in <paramref name="stateDirectory"/>, creating the directory, the file and the
    /// tables as needed and migrating an older schema.</summary>
    /// <exception cref="StoreException">The directory or the file cannot be created, opened or migrated.</exception>
    public static LocalStore Open(string stateDirectory, RetentionPolicy retention)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        ArgumentNullException.ThrowIfNull(retention);
        if (retention.MaxAge <= TimeSpan.Zero || retention.MaxBytes <= 0)
            throw new ArgumentOutOfRangeException(nameof(retention), retention, "retention age and size must be positive");

        return new LocalStore(StoreDatabase.OpenIn(stateDirectory), retention, ownsDatabase: true);
    }

    /// <summary>The results in a store file the caller opened (and disposes): one open per command.</summary>
    public static LocalStore On(StoreDatabase database, RetentionPolicy retention)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(retention);
        return new LocalStore(database, retention, ownsDatabase: false);
    }

    /// <summary>Stores <paramref name="run"/> in one transaction: summaries, per-test rows, current states,
    /// then retention. On any failure nothing of the run is kept. Retention measures age from the run's start
    /// time rather than the clock, so a run replayed or written late removes nothing it should not.</summary>
    /// <param name="installedPlugins">When given, the states of every other plugin retire (see <see cref="PluginRetirement"/>).</param>
    /// <exception cref="StoreException">The run could not be stored.</exception>
    public void Write(RunResult run, IReadOnlySet<string>? installedPlugins = null)
    {
        try
        {
            WriteOnce(run, installedPlugins);
        }
        catch (StoreException e) when (StoreQuarantine.IsCorruption(e) && !_database.IsReadOnly)
        {
            // Damage SQLite found only now: move the file aside (see StoreDatabase.MovedAside) and keep this run.
            _database.ReplaceCorrupt();
            WriteOnce(run, installedPlugins);
        }
    }

    private void WriteOnce(RunResult run, IReadOnlySet<string>? installedPlugins)
    {
        ArgumentNullException.ThrowIfNull(run);
        Use($"Cannot store run {run.RunId} in", connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            long runRow;
            using (var writer = new RunWriter(connection, transaction)) runRow = writer.Write(run);
            if (installedPlugins is not null) PluginRetirement.Apply(connection, transaction, runRow, run.EndTime, installedPlugins);
            _retention.Apply(connection, transaction, runRow, run.StartTime);
            transaction.Commit();
            return 0;
        });
    }

    /// <summary>The run stored last, or null when none is stored. The order of storing, not the runs' own clocks: a run
    /// stamped in the future (clock stepped back since) is not "last" forever.</summary>
    public StoredRun? LastRun() => Read(queries => queries.LastStored());

    /// <summary>Stored runs that started at or after <paramref name="since"/>, newest first.</summary>
    public IReadOnlyList<StoredRun> Runs(DateTimeOffset? since = null, int limit = 50) =>
        Read(queries => queries.Runs(since, limit));

    /// <summary>Stored per-test rows (non-passing results and transitions), newest first.</summary>
    /// <param name="plugin">Only this plugin (exact name).</param>
    /// <param name="test">Only tests whose full name contains this text, ignoring case (a full name matches itself).</param>
    /// <param name="since">Only rows of tests that started at or after this time.</param>
    public IReadOnlyList<StoredTestRecord> History(string? plugin = null, string? test = null,
        DateTimeOffset? since = null, int limit = 200) =>
        Read(queries => queries.History(plugin, test, since, limit));

    /// <summary>The current state of every test seen within the retention age (and of every plugin itself,
    /// see <see cref="TestState.PluginLevelName"/>): Failed first, then other non-passing outcomes, then Passed.</summary>
    public IReadOnlyList<TestState> CurrentStates() => Read(queries => queries.CurrentStates());

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_ownsDatabase) _database.Dispose();
    }

    private T Read<T>(Func<StoreQueries, T> query) =>
        Use("Cannot read", connection =>
        {
            // A deferred transaction reads one WAL snapshot for the whole query.
            using var transaction = connection.BeginTransaction(deferred: true);
            return query(new StoreQueries(connection, transaction));
        });

    private T Use<T>(string failure, Func<SqliteConnection, T> action)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _database.Use($"{failure} the local store", action);
    }
}
