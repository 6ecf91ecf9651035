using Microsoft.Data.Sqlite;

namespace NodeMonitor.Core.Storage;

/// <summary>
/// A corrupt store (truncated, overwritten, not a database) must not blind the node: it is moved aside as
/// <c>nodemonitor.db.corrupt-&lt;UTC time&gt;</c> (with its WAL and shared-memory files) and a fresh store is started.
/// The run says so loudly and <c>nodemonitor status</c> lists every file moved aside (<see cref="MovedAsideIn"/>).
/// </summary>
public static class StoreQuarantine
{
    public const string Suffix = ".corrupt-";

    // SQLITE_CORRUPT and SQLITE_NOTADB.
    private static readonly int[] CorruptionCodes = [11, 26];

    /// <summary>Reads every page once (quick_check), so a truncated file is found before a run is written into it.</summary>
    internal static void Check(SqliteConnection connection, string path)
    {
        using var command = new SqliteCommand("PRAGMA quick_check(1);", connection);
        string result = Convert.ToString(command.ExecuteScalar()) ?? "";
        if (result != "ok")
            throw new StoreException($"Cannot open the local store {path}: the file is corrupt ({result})", path,
                new SqliteException(result, 11));
    }

    internal static bool IsCorruption(StoreException e) =>
        e.InnerException is SqliteException s && CorruptionCodes.Contains(s.SqliteErrorCode);

    /// <summary>Renames the store and its companions; returns the new name of the store file.</summary>
    internal static string MoveAside(string path)
    {
        string aside = path + Suffix + DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            File.Move(path, aside);
            foreach (string companion in new[] { "-wal", "-shm" })
                if (File.Exists(path + companion)) File.Move(path + companion, aside + companion);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"the local store {path} is corrupt and cannot be moved aside: {e.Message}", path, e);
        }
        return aside;
    }

    /// <summary>Stores moved aside in <paramref name="stateDirectory"/>, oldest first.</summary>
    public static IReadOnlyList<string> MovedAsideIn(string stateDirectory)
    {
        if (!Directory.Exists(stateDirectory)) return [];
        return Directory.GetFiles(stateDirectory, LocalStore.DatabaseFileName + Suffix + "*")
            .Where(f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
