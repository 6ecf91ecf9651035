using Microsoft.Data.Sqlite;

namespace NodeMonitor.Core.Storage;

/// <summary>
/// The store's tables, as an ordered list of migrations. A migration is never edited once released:
/// new tables (metrics, web view) come as a new entry at the end. Times are Unix milliseconds (UTC),
/// durations seconds, outcomes and statuses their enum names, so the file reads well in the sqlite3 shell.
/// </summary>
internal static class StoreSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            run_id TEXT NOT NULL UNIQUE,
            node TEXT NOT NULL,
            start_time INTEGER NOT NULL,
            end_time INTEGER NOT NULL,
            passed INTEGER NOT NULL,
            tests_total INTEGER NOT NULL,
            tests_passed INTEGER NOT NULL,
            tests_failed INTEGER NOT NULL,
            tests_warnings INTEGER NOT NULL,
            tests_inconclusive INTEGER NOT NULL,
            tests_skipped INTEGER NOT NULL);
        CREATE INDEX runs_by_start_time ON runs (start_time);

        CREATE TABLE plugin_runs (
            run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            status TEXT NOT NULL,
            error TEXT,
            running_test TEXT,
            duration_seconds REAL NOT NULL,
            tests_total INTEGER NOT NULL,
            tests_passed INTEGER NOT NULL,
            tests_failed INTEGER NOT NULL,
            tests_warnings INTEGER NOT NULL,
            tests_inconclusive INTEGER NOT NULL,
            tests_skipped INTEGER NOT NULL,
            PRIMARY KEY (run, name)) WITHOUT ROWID;

        CREATE TABLE test_records (
            id INTEGER PRIMARY KEY,
            run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            plugin TEXT NOT NULL,
            full_name TEXT NOT NULL,
            outcome TEXT NOT NULL,
            label TEXT,
            site TEXT,
            message TEXT,
            stack_trace TEXT,
            output TEXT,
            duration_seconds REAL NOT NULL,
            time INTEGER NOT NULL,
            previous_outcome TEXT);
        CREATE INDEX test_records_by_run ON test_records (run);
        CREATE INDEX test_records_by_time ON test_records (time);

        CREATE TABLE test_states (
            plugin TEXT NOT NULL,
            full_name TEXT NOT NULL,
            outcome TEXT NOT NULL,
            since INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            consecutive_failures INTEGER NOT NULL,
            message TEXT,
            UNIQUE (plugin, full_name));
        """,
        // 2: metrics (NodeMonitor.Metrics). Raw samples for a short window, rollups per 5 minutes and per hour
        // for longer; each series keeps its latest value so /metrics reads one row per series.
        """
        CREATE TABLE metric_series (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            labels TEXT NOT NULL,
            kind TEXT NOT NULL,
            unit TEXT,
            last_time INTEGER NOT NULL,
            last_value REAL NOT NULL,
            UNIQUE (name, labels));

        CREATE TABLE metric_samples (
            series INTEGER NOT NULL REFERENCES metric_series (id) ON DELETE CASCADE,
            time INTEGER NOT NULL,
            value REAL NOT NULL,
            PRIMARY KEY (series, time)) WITHOUT ROWID;

        CREATE TABLE metric_rollups (
            series INTEGER NOT NULL REFERENCES metric_series (id) ON DELETE CASCADE,
            resolution INTEGER NOT NULL,
            bucket INTEGER NOT NULL,
            count INTEGER NOT NULL,
            min REAL NOT NULL,
            max REAL NOT NULL,
            sum REAL NOT NULL,
            PRIMARY KEY (series, resolution, bucket)) WITHOUT ROWID;
        """,
        // 3: central reporting (Reporting/Central). Reports waiting for etcd/Swift, in order, and what the centre was
        // last told; one row in central_delivery.
        """
        CREATE TABLE central_outbox (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            run_id TEXT NOT NULL,
            signature TEXT,
            created_at INTEGER NOT NULL,
            record_json TEXT,
            result_json TEXT,
            result_xml TEXT,
            output_log TEXT);

        CREATE TABLE central_delivery (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            intended_signature TEXT,
            intended_at INTEGER,
            delivered_signature TEXT,
            delivered_at INTEGER,
            last_attempt_at INTEGER,
            last_error TEXT);
        """,
        // 4: sync of passing results, heartbeat, and the link of the last uploaded failure bundle (for status and the
        // dashboard). A run is synced once it is in an uploaded object; NULL = not yet.
        """
        ALTER TABLE runs ADD COLUMN synced_at INTEGER;
        CREATE INDEX runs_unsynced ON runs (id) WHERE synced_at IS NULL;

        ALTER TABLE central_delivery ADD COLUMN bundle_run_id TEXT;
        ALTER TABLE central_delivery ADD COLUMN bundle_url TEXT;
        ALTER TABLE central_delivery ADD COLUMN bundle_temp_url TEXT;
        ALTER TABLE central_delivery ADD COLUMN bundle_temp_url_expires INTEGER;

        CREATE TABLE central_sync (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            last_sync_at INTEGER,
            last_object TEXT,
            last_runs INTEGER,
            last_bytes INTEGER,
            last_attempt_at INTEGER,
            last_error TEXT);

        CREATE TABLE central_heartbeat (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            lease_id INTEGER,
            written_at INTEGER,
            expires_at INTEGER,
            last_attempt_at INTEGER,
            last_error TEXT);
        """,
        // 5: what the node tells the cluster: the labels and facts its last heartbeat carried (written again only when
        // they change or the heartbeat is due), and the facts its plugins published, each kept until its plugin
        // completes a run without publishing it again.
        """
        ALTER TABLE central_heartbeat ADD COLUMN published TEXT;

        CREATE TABLE node_facts (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            plugin TEXT NOT NULL,
            published_at INTEGER NOT NULL);
        """,
        // 6: the heartbeat's lease is kept across runs (one put per heartbeat); when it runs out.
        """
        ALTER TABLE central_heartbeat ADD COLUMN lease_expires_at INTEGER;
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    /// <summary>Applies the missing migrations in one write transaction. An up-to-date store is only read, so
    /// opening it never waits for a run being written; two processes migrating at once are serialized by the
    /// write lock, and the second finds nothing left to do.</summary>
    public static void Migrate(SqliteConnection connection, string path)
    {
        if (VersionOf(connection, null, path) == CurrentVersion) return;

        using var transaction = connection.BeginTransaction(deferred: false);
        StoreDatabase.Execute(connection,
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);",
            transaction);
        for (int next = VersionOf(connection, transaction, path) + 1; next <= CurrentVersion; next++)
        {
            StoreDatabase.Execute(connection, Migrations[next - 1], transaction);
            using var record = new SqliteCommand(
                "INSERT INTO schema_version (version, applied_at) VALUES ($version, $at);", connection, transaction);
            record.Parameters.AddWithValue("$version", next);
            record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            record.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    internal static int VersionOf(SqliteConnection connection, SqliteTransaction? transaction, string path)
    {
        using var exists = new SqliteCommand(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version';", connection, transaction);
        if (Convert.ToInt64(exists.ExecuteScalar()) == 0) return 0;

        using var command = new SqliteCommand("SELECT coalesce(max(version), 0) FROM schema_version;", connection, transaction);
        int version = Convert.ToInt32(command.ExecuteScalar());
        if (version > CurrentVersion)
            throw new StoreException(
                $"Cannot open the local store {path}: its schema version {version} is newer than this NodeMonitor knows " +
                $"({CurrentVersion}); upgrade NodeMonitor", path);
        return version;
    }
}
