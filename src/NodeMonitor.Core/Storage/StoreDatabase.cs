using Microsoft.Data.Sqlite;

namespace NodeMonitor.Core.Storage;

/// <summary>
/// The one way every reader and writer opens the store file (results, metrics, central spool, sync, heartbeat): the
/// connection settings, the migrations, and a SQLite failure turned into a <see cref="StoreException"/>. A command
/// opens it once and hands it to each part. A connection per operation (pooled) keeps it safe to use from several
/// threads, as the web view does.
/// </summary>
public sealed class StoreDatabase : IDisposable
{
    // Long enough to outwait any single run's write transaction; readers in WAL mode never wait for writers.
    private const int BusyTimeoutSeconds = 30;

    private readonly string _connectionString;

    private StoreDatabase(string path, string connectionString, bool readOnly)
    {
        Path = path;
        _connectionString = connectionString;
        IsReadOnly = readOnly;
    }

    public string Path { get; }

    /// <summary>Opened by <see cref="OpenReadOnly"/>: every write fails.</summary>
    public bool IsReadOnly { get; }

    /// <summary>Where a corrupt store found while opening was moved (see <see cref="StoreQuarantine"/>); null when none was.</summary>
    public string? MovedAside { get; private set; }

    /// <summary>Creates the state directory when missing, then opens and migrates its store file. A file SQLite reports
    /// as corrupt or not a database is moved aside and a fresh store started (<see cref="MovedAside"/>).</summary>
    /// <exception cref="StoreException">The directory cannot be created or the store cannot be opened.</exception>
    public static StoreDatabase OpenIn(string stateDirectory)
    {
        string path = PathIn(stateDirectory);
        StateDirectory.Create(System.IO.Path.GetDirectoryName(path)!);
        try
        {
            return Initialized(path, movedAside: null);
        }
        catch (StoreException e) when (StoreQuarantine.IsCorruption(e))
        {
            string aside = StoreQuarantine.MoveAside(path);
            return Initialized(path, aside);
        }
    }

    /// <summary>Opens an existing store for reading only: nothing is created, migrated or written, so it works on an
    /// immutable file and in a read-only state directory.</summary>
    /// <exception cref="StoreException">There is no store, or it cannot be read.</exception>
    public static StoreDatabase OpenReadOnly(string stateDirectory)
    {
        string path = PathIn(stateDirectory);
        if (!File.Exists(path))
            throw new StoreException($"no run stored yet in {System.IO.Path.GetDirectoryName(path)} (run `nodemonitor run` first)", path);
        foreach (var connectionString in new[] { ReadOnlyConnection(path, immutable: false), ReadOnlyConnection(path, immutable: true) })
        {
            var database = new StoreDatabase(path, connectionString, readOnly: true);
            try
            {
                int version = database.Use("Cannot read the local store", connection => StoreSchema.VersionOf(connection, null, path));
                // An older file needs its migrations before this version can read it; that one write is allowed.
                if (version >= StoreSchema.CurrentVersion) return database;
                database.Dispose();
                return OpenIn(stateDirectory);
            }
            catch (StoreException e) when (e.InnerException is SqliteException { SqliteErrorCode: 14 } && !connectionString.Contains("immutable"))
            {
                // SQLITE_CANTOPEN: a WAL file cannot be read without its shared-memory file, which a read-only
                // directory cannot hold; read the file as immutable instead.
                database.Dispose();
            }
        }
        throw new StoreException($"Cannot read the local store {path}", path);
    }

    /// <summary>Runs <paramref name="action"/> on a pooled connection; a SQLite failure becomes a
    /// <see cref="StoreException"/> reading "<paramref name="what"/> &lt;path&gt;: &lt;reason&gt;".</summary>
    public T Use<T>(string what, Func<SqliteConnection, T> action)
    {
        try
        {
            using var connection = Open();
            return action(connection);
        }
        catch (SqliteException e)
        {
            throw new StoreException($"{what} {Path}: {e.Message}", Path, e);
        }
    }

    /// <summary>A command with its $name parameters bound (null as SQL NULL).</summary>
    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql,
        params (string Name, object? Value)[] parameters)
    {
        var command = new SqliteCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = new SqliteCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }

    /// <summary>Closes the pooled connections so the file is not held open after the store is done with.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static string PathIn(string stateDirectory) =>
        System.IO.Path.Combine(System.IO.Path.GetFullPath(stateDirectory), LocalStore.DatabaseFileName);

    /// <summary>After SQLite found the open store corrupt while writing: moves it aside and starts a fresh one at the
    /// same path, so every part holding this database goes on with the new file.</summary>
    /// <exception cref="StoreException">The file cannot be moved aside or the fresh store cannot be made.</exception>
    public void ReplaceCorrupt()
    {
        if (IsReadOnly) throw new InvalidOperationException("a read-only store is never replaced");
        Dispose();
        string aside = StoreQuarantine.MoveAside(Path);
        Use("Cannot open the local store", connection =>
        {
            Initialize(connection);
            return 0;
        });
        MovedAside = aside;
    }

    private static StoreDatabase Initialized(string path, string? movedAside)
    {
        if (File.Exists(path)) StoreQuarantine.CheckLength(path);
        var database = new StoreDatabase(path, new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString(), readOnly: false);
        database.MovedAside = movedAside;
        try
        {
            database.Use("Cannot open the local store", connection =>
            {
                database.Initialize(connection);
                return 0;
            });
            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    private static string ReadOnlyConnection(string path, bool immutable) => new SqliteConnectionStringBuilder
    {
        DataSource = immutable ? $"file:{Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal)}?immutable=1" : path,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = true,
        DefaultTimeout = BusyTimeoutSeconds,
    }.ToString();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            // Microsoft.Data.Sqlite retries busy statements itself; SQLite's own handler also covers the
            // locks taken while opening and checkpointing.
            Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000};");
            // In WAL mode NORMAL syncs at checkpoints, not at every commit: a crash of the process loses nothing and the
            // file is never corrupted; a power loss may lose the last runs committed, which a monitoring store can spare
            // (the next run tells the same). FULL cost a run several fsyncs of wall time.
            if (!IsReadOnly) Execute(connection, "PRAGMA synchronous = NORMAL;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Prepares a new file, brings an existing one up to the current schema, and checks its pages.</summary>
    private void Initialize(SqliteConnection connection)
    {
        // Only takes effect before the first table exists; lets retention give freed pages back to the disk.
        Execute(connection, "PRAGMA auto_vacuum = INCREMENTAL;");
        // Readers (nodemonitor serve) see the last committed run while a run is being written.
        using var journal = new SqliteCommand("PRAGMA journal_mode = WAL;", connection);
        var mode = Convert.ToString(journal.ExecuteScalar());
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new StoreException(
                $"Cannot open the local store {Path}: the file system does not support SQLite's WAL journal (got '{mode}')", Path);
        StoreSchema.Migrate(connection, Path);
    }
}
