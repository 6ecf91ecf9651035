using System.Text.Json;
using Microsoft.Data.Sqlite;
using NodeMonitor.Core.Storage;
using static NodeMonitor.Central.CentralStoreFile;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Central;

/// <summary>
/// The spool of reports for etcd and Swift, in the local store's file (tables of schema 3), so a report made while
/// the centre is unreachable survives the process and is delivered by a later run, in order.
/// </summary>
public sealed class CentralOutbox : StoreDatabaseView
{
    private CentralOutbox(StoreDatabase database, bool ownsDatabase)
        : base(database, ownsDatabase)
    {
    }

    /// <summary>On a store file the caller opened (and disposes).</summary>
    public static CentralOutbox On(StoreDatabase database) => new(database, ownsDatabase: false);

    /// <summary>Opens (and migrates) the store in <paramref name="stateDirectory"/>.</summary>
    /// <exception cref="StoreException">The store cannot be opened.</exception>
    public static CentralOutbox Open(string stateDirectory) => new(StoreDatabase.OpenIn(stateDirectory), ownsDatabase: true);

    /// <summary>Spools a report and makes its signature the intended central state, in one transaction.</summary>
    public void Enqueue(ReportKind kind, string runId, FailureState? state, FailureBundle? bundle, DateTimeOffset now) =>
        Use(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            Run(connection, transaction, """
                INSERT INTO central_outbox (kind, run_id, signature, created_at, record_json, result_json, result_xml, output_log)
                VALUES ($kind, $run, $sig, $at, $state, $json, $xml, $log);
                """,
                ("$kind", kind.ToString()), ("$run", runId), ("$sig", state?.Signature), ("$at", now.ToUnixTimeMilliseconds()),
                ("$state", state is null ? null : JsonSerializer.Serialize(state, OutboxJson.Default.FailureState)),
                ("$json", bundle?.Files[FailureBundle.ResultJson]), ("$xml", bundle?.Files[FailureBundle.ResultXml]),
                ("$log", bundle?.Files[FailureBundle.OutputLog]));
            EnsureDeliveryRow(connection, transaction);
            Run(connection, transaction, "UPDATE central_delivery SET intended_signature = $sig, intended_at = $at WHERE id = 1;",
                ("$sig", state?.Signature), ("$at", now.ToUnixTimeMilliseconds()));
            transaction.Commit();
            return 0;
        });

    /// <summary>Waiting reports, oldest first.</summary>
    public IReadOnlyList<OutboxEntry> Pending() => Use(connection =>
    {
        using var command = new SqliteCommand(
            "SELECT id, kind, run_id, signature, created_at, record_json, result_json, result_xml, output_log FROM central_outbox ORDER BY id;",
            connection);
        using var reader = command.ExecuteReader();
        var entries = new List<OutboxEntry>();
        while (reader.Read())
        {
            var state = reader.IsDBNull(5) ? null : JsonSerializer.Deserialize(reader.GetString(5), OutboxJson.Default.FailureState);
            FailureBundle? bundle = state is null || reader.IsDBNull(6) ? null : new FailureBundle(state.Node, reader.GetString(2),
                new Dictionary<string, string>
                {
                    [FailureBundle.ResultJson] = reader.GetString(6),
                    [FailureBundle.ResultXml] = reader.GetString(7),
                    [FailureBundle.OutputLog] = reader.GetString(8),
                });
            entries.Add(new OutboxEntry(reader.GetInt64(0), Enum.Parse<ReportKind>(reader.GetString(1)), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), state, bundle));
        }
        return entries;
    });

    /// <summary>Removes a delivered (or superseded) report; <paramref name="centralSignature"/> is what the centre now holds.</summary>
    public void MarkDelivered(long id, string? centralSignature, bool changedCentralState, DateTimeOffset now) => Use(connection =>
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        Run(connection, transaction, "DELETE FROM central_outbox WHERE id = $id;", ("$id", id));
        EnsureDeliveryRow(connection, transaction);
        if (changedCentralState)
            Run(connection, transaction, "UPDATE central_delivery SET delivered_signature = $sig, delivered_at = $at WHERE id = 1;",
                ("$sig", centralSignature), ("$at", now.ToUnixTimeMilliseconds()));
        Run(connection, transaction, "UPDATE central_delivery SET last_attempt_at = $at, last_error = NULL WHERE id = 1;",
            ("$at", now.ToUnixTimeMilliseconds()));
        transaction.Commit();
        return 0;
    });

    public void RecordError(string error, DateTimeOffset now) => Use(connection =>
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        EnsureDeliveryRow(connection, transaction);
        Run(connection, transaction, "UPDATE central_delivery SET last_attempt_at = $at, last_error = $error WHERE id = 1;",
            ("$at", now.ToUnixTimeMilliseconds()), ("$error", error));
        transaction.Commit();
        return 0;
    });

    /// <summary>Remembers where the bundle of the node's current failure was uploaded (for status and the dashboard).</summary>
    public void RecordBundleLink(string runId, BundleLink link) => Use(connection =>
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        EnsureDeliveryRow(connection, transaction);
        Run(connection, transaction, """
            UPDATE central_delivery SET bundle_run_id = $run, bundle_url = $url, bundle_temp_url = $temp,
                bundle_temp_url_expires = $expires WHERE id = 1;
            """,
            ("$run", runId), ("$url", link.ObjectUrl), ("$temp", link.TempUrl), ("$expires", link.TempUrlExpiresAt?.ToUnixTimeMilliseconds()));
        transaction.Commit();
        return 0;
    });

    /// <summary>Forgets the bundle link once the node's recovery has reached the centre.</summary>
    public void ClearBundleLink() => Use(connection =>
    {
        using var command = new SqliteCommand("""
            UPDATE central_delivery SET bundle_run_id = NULL, bundle_url = NULL, bundle_temp_url = NULL,
                bundle_temp_url_expires = NULL WHERE id = 1;
            """, connection);
        command.ExecuteNonQuery();
        return 0;
    });

    /// <summary>The bundle of the node's current failure, or null (healthy, or nothing uploaded yet).</summary>
    public DeliveredBundle? BundleLink() => Use(connection => ReadBundleLink(connection, null));

    internal static DeliveredBundle? ReadBundleLink(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = new SqliteCommand(
            "SELECT bundle_run_id, bundle_url, bundle_temp_url, bundle_temp_url_expires FROM central_delivery WHERE id = 1;",
            connection, transaction);
        using var reader = command.ExecuteReader();
        if (!reader.Read() || reader.IsDBNull(0) || reader.IsDBNull(1)) return null;
        return new DeliveredBundle(reader.GetString(0),
            new BundleLink(reader.GetString(1), Text(reader, 2), Time(reader, 3)));
    }

    public DeliveryStatus Status() => Use(connection => ReadStatus(connection, null));

    internal static DeliveryStatus ReadStatus(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = new SqliteCommand("""
            SELECT d.intended_signature, d.intended_at, d.delivered_signature, d.delivered_at, d.last_attempt_at, d.last_error,
                   (SELECT count(*) FROM central_outbox), (SELECT min(created_at) FROM central_outbox)
            FROM (SELECT 1 AS id) one LEFT JOIN central_delivery d ON d.id = one.id;
            """, connection, transaction);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new DeliveryStatus(Text(reader, 0), Time(reader, 1), Text(reader, 2), Time(reader, 3),
            reader.GetInt32(6), Time(reader, 7), Time(reader, 4), Text(reader, 5));
    }

    private static void EnsureDeliveryRow(SqliteConnection connection, SqliteTransaction transaction) =>
        Run(connection, transaction, "INSERT OR IGNORE INTO central_delivery (id) VALUES (1);");

    private T Use<T>(Func<SqliteConnection, T> action) => CentralStoreFile.Use(Database, action);
}
