using NodeMonitor.Core.Storage;

namespace NodeMonitor.Cli;

/// <summary>
/// One run at a time per state directory. Backed by an exclusive open of <c>run.lock</c>, which .NET maps to
/// flock(2) on Linux: the kernel drops the lock when the process dies, so a killed run never leaves a stale lock.
/// Only a lock another process holds reads as "held"; a state directory that cannot be created or written says so.
/// </summary>
internal sealed class RunLock : IDisposable
{
    // What .NET reports for a file another process has locked (ERROR_SHARING_VIOLATION).
    private const int SharingViolation = unchecked((int)0x80070020);

    private readonly FileStream _stream;

    private RunLock(FileStream stream) => _stream = stream;

    public static RunLock Acquire(string stateDirectory, TimeSpan wait)
    {
        try
        {
            StateDirectory.Create(stateDirectory);
        }
        catch (StoreException e)
        {
            throw new CouldNotRunException(e.Message);
        }
        string path = Path.Combine(stateDirectory, "run.lock");
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                WritePid(stream);
                return new RunLock(stream);
            }
            catch (IOException e) when (IsHeldByAnother(e) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
            catch (IOException e) when (IsHeldByAnother(e))
            {
                string holder = TryReadHolder(path);
                throw new CouldNotRunException(
                    $"another nodemonitor run holds the lock {path}{holder}; use --wait SECONDS to queue behind it");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CouldNotRunException($"cannot take the run lock {path}: {StateDirectory.Describe(stateDirectory, e)}");
            }
        }
    }

    private static bool IsHeldByAnother(IOException e) =>
        e.HResult == SharingViolation || e.Message.Contains("being used by another process", StringComparison.Ordinal);

    /// <summary>The pid is for people reading the file; the lock is the flock, so a full disk that refuses the few bytes
    /// does not stop the run.</summary>
    private static void WritePid(FileStream stream)
    {
        try
        {
            stream.SetLength(0);
            stream.Write(System.Text.Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n"));
            stream.Flush();
        }
        catch (IOException)
        {
            // Disk full: the lock holds all the same.
        }
    }

    private static string TryReadHolder(string path)
    {
        try
        {
            using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var r = new StreamReader(s);
            string? pid = r.ReadLine();
            return string.IsNullOrWhiteSpace(pid) ? "" : $" (pid {pid.Trim()})";
        }
        catch (IOException)
        {
            return "";
        }
    }

    public void Dispose() => _stream.Dispose();
}
