namespace NodeMonitor.Cli;

/// <summary>
/// One run at a time per state directory. Backed by an exclusive open of <c>run.lock</c>, which .NET maps to
/// flock(2) on Linux: the kernel drops the lock when the process dies, so a killed run never leaves a stale lock.
/// </summary>
internal sealed class RunLock : IDisposable
{
    private readonly FileStream _stream;

    private RunLock(FileStream stream) => _stream = stream;

    public static RunLock Acquire(string stateDirectory, TimeSpan wait)
    {
        Directory.CreateDirectory(stateDirectory);
        string path = Path.Combine(stateDirectory, "run.lock");
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                stream.SetLength(0);
                var pid = System.Text.Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n");
                stream.Write(pid);
                stream.Flush();
                return new RunLock(stream);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
            catch (IOException)
            {
                string holder = TryReadHolder(path);
                throw new CouldNotRunException(
                    $"another nodemonitor run holds the lock {path}{holder}; use --wait SECONDS to queue behind it");
            }
            catch (UnauthorizedAccessException e)
            {
                throw new CouldNotRunException($"cannot create the lock file {path}: {e.Message}");
            }
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
