namespace NodeMonitor.Core.Storage;

/// <summary>The state directory (store, lock): created when missing, checked for writing, with one-line reasons.</summary>
public static class StateDirectory
{
    /// <summary>Creates <paramref name="directory"/> and its parents when missing.</summary>
    /// <exception cref="StoreException">It cannot be created (a file in the way, a read-only or special file system).</exception>
    public static void Create(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot create the state directory {directory}: {e.Message}", directory, e);
        }
    }

    /// <summary>Creates the directory when missing, then proves a file can be created in it.</summary>
    /// <exception cref="StoreException">It cannot be created, or it is read-only.</exception>
    public static void EnsureWritable(string directory)
    {
        Create(directory);
        Probe(directory);
    }

    /// <summary>What <see cref="EnsureWritable"/> would say, without creating anything that stays: null when the
    /// directory is (or can be made) writable, else the reason (for <c>nodemonitor validate</c>).</summary>
    public static string? Problem(string directory)
    {
        string full = Path.GetFullPath(directory);
        if (File.Exists(full)) return $"cannot create the state directory {full}: a file is in the way";
        string existing = full;
        while (!Directory.Exists(existing)) existing = Path.GetDirectoryName(existing) ?? "/";
        try
        {
            if (existing == full) Probe(full);
            else
            {
                string trial = Path.Combine(existing, $".nodemonitor-probe-{Environment.ProcessId}");
                Directory.CreateDirectory(trial);
                Directory.Delete(trial);
            }
            return null;
        }
        catch (StoreException e)
        {
            return e.Message;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot create the state directory {full}: {existing} does not take new folders";
        }
    }

    /// <summary>The reason a file operation in the state directory failed, as one line.</summary>
    public static string Describe(string directory, Exception e) => IsReadOnly(e)
        ? $"state directory {directory} is read-only"
        : $"cannot write in the state directory {directory}: {e.Message}";

    private static void Probe(string directory)
    {
        string probe = Path.Combine(directory, $".nodemonitor-probe-{Environment.ProcessId}");
        try
        {
            using (new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None)) { }
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(Describe(directory, e), directory, e);
        }
    }

    // EROFS (read-only mount), EACCES/EPERM (permissions, chattr +i) all read as "read-only" to an operator.
    private static bool IsReadOnly(Exception e) =>
        e is UnauthorizedAccessException || e.HResult == 30 || e.Message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase);
}
