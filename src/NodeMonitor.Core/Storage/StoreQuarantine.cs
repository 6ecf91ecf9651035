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

    /// <summary>Finds a truncated file before a run is written into it, without reading every page (a store may hold
    /// hundreds of MiB): the header's page count, when valid, must fit in the file. Other damage shows as SQLite's
    /// "malformed" or "not a database" errors, on opening or on the run's write.</summary>
    internal static void CheckLength(string path)
    {
        var header = new byte[100];
        long length;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            length = file.Length;
            if (length < header.Length || file.Read(header) < header.Length) return;
        }
        if (!header.AsSpan(0, 16).SequenceEqual("SQLite format 3\0"u8)) return;
        int pageSize = System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16)) is var p && p == 1 ? 65536 : p;
        uint pages = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(28));
        bool countValid = header.AsSpan(24, 4).SequenceEqual(header.AsSpan(92, 4));
        if (countValid && pages > 0 && (long)pages * pageSize > length)
            throw new StoreException($"Cannot open the local store {path}: the file is truncated ({length} of {(long)pages * pageSize} bytes)",
                path, new SqliteException("database disk image is malformed", 11));
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
