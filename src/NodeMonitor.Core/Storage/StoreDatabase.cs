using Microsoft.Data.Sqlite;

namespace NodeMonitor.Core.Storage;

/// <summary>
/// Opens connections to one store file with the settings every connection needs. A connection per
/// operation (pooled) keeps <see cref="LocalStore"/> safe to use from several threads, as the web view will.
/// </summary>
internal sealed class StoreDatabase(string path)
{
    // Long enough to outwait any single run's write transaction; readers in WAL mode never wait for writers.
    private const int BusyTimeoutSeconds = 30;

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        ForeignKeys = true,
        DefaultTimeout = BusyTimeoutSeconds,
    }.ToString();

    public string Path { get; } = path;

    /// <summary>Creates the state directory when missing, then opens and migrates its store file: the one way every
    /// reader and writer of the file (runs, central spool, sync, heartbeat) opens it.</summary>
    /// <exception cref="StoreException">The directory cannot be created or the store cannot be opened.</exception>
    public static StoreDatabase OpenIn(string stateDirectory)
    {
        string directory = System.IO.Path.GetFullPath(stateDirectory);
        string path = System.IO.Path.Combine(directory, LocalStore.DatabaseFileName);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"Cannot create the state directory {directory}: {e.Message}", path, e);
        }
        var database = new StoreDatabase(path);
        try
        {
            database.Initialize();
            return database;
        }
        catch (Exception e) when (e is SqliteException or StoreException)
        {
            database.ReleaseConnections();
            if (e is StoreException) throw;
            throw new StoreException($"Cannot open the local store {path}: {e.Message}", path, e);
        }
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

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            // Microsoft.Data.Sqlite retries busy statements itself; SQLite's own handler also covers the
            // locks taken while opening and checkpointing.
            Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000};");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Prepares a new file and brings an existing one up to the current schema.</summary>
    public void Initialize()
    {
        using var connection = Open();
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

    /// <summary>Closes the pooled connections so the file is not held open after the store is disposed.</summary>
    public void ReleaseConnections()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = new SqliteCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
