namespace NodeMonitor.Execution.Containment;

/// <summary>
/// A cgroup v2 made for one plugin run, below the supervisor's own cgroup. Every process started inside stays inside,
/// whatever it does (double fork, setsid, an empty environment), so it is the one complete way to find, measure and
/// kill all of them. Made only where the supervisor may (root, cgroup v2 mounted); otherwise the run falls back to its
/// session and environment mark (<see cref="ProcessTable"/>). <c>memory.max</c> is set when the memory controller is
/// enabled for the supervisor's children (systemd <c>Delegate=yes</c>, or a cgroup without processes of its own).
/// </summary>
internal sealed class Cgroup
{
    private Cgroup(string path) => Path = path;

    public string Path { get; }

    public string ProcsFile => System.IO.Path.Combine(Path, "cgroup.procs");

    public bool HasMemoryController => File.Exists(System.IO.Path.Combine(Path, "memory.max"));

    /// <summary>A new cgroup named <paramref name="name"/> below the supervisor's own, or null when none can be made.</summary>
    public const string NamePrefix = "nodemonitor-";

    public static Cgroup? TryCreate(string name)
    {
        try
        {
            if (OwnDirectory() is not { } own) return null;
            TryEnableMemory(own);
            RemoveStale(own);
            string path = System.IO.Path.Combine(own, name);
            Directory.CreateDirectory(path);
            return File.Exists(System.IO.Path.Combine(path, "cgroup.procs")) ? new Cgroup(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void LimitMemory(long bytes)
    {
        Write("memory.max", bytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Write("memory.swap.max", "0");
    }

    public IReadOnlyList<int> Pids() =>
        Read("cgroup.procs")?.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList() ?? [];

    /// <summary>CPU time of every process that ever ran inside (cpu.stat is there without any controller).</summary>
    public TimeSpan? CpuTime() =>
        StatValue("cpu.stat", "usage_usec") is { } usec ? TimeSpan.FromMicroseconds(usec) : null;

    public long? MemoryBytes() => long.TryParse(Read("memory.current")?.Trim(), out long bytes) ? bytes : null;

    public bool WasOomKilled() => StatValue("memory.events", "oom_kill") is > 0;

    /// <summary>Kills everything inside: cgroup.kill (Linux 5.14+) does it atomically, even for processes forking meanwhile.</summary>
    public void KillAll()
    {
        if (!Write("cgroup.kill", "1")) ProcessTable.Kill(Pids());
    }

    /// <summary>Removes the cgroup once its processes are gone (waits up to a second for the kernel to reap them).</summary>
    public void Remove()
    {
        for (int attempt = 0; attempt < 20; attempt++)
        {
            try
            {
                Directory.Delete(Path);
                return;
            }
            catch (IOException)
            {
                KillAll();
                Thread.Sleep(50);
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
        }
    }

    /// <summary>In a worker: kills its run's cgroup (itself included) when it is in one made by <see cref="TryCreate"/>.</summary>
    public static void KillOwnRun()
    {
        try
        {
            if (OwnDirectory() is { } own && System.IO.Path.GetFileName(own).StartsWith(NamePrefix, StringComparison.Ordinal))
                File.WriteAllText(System.IO.Path.Combine(own, "cgroup.kill"), "1");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static string? OwnDirectory()
    {
        string? mount = File.ReadLines("/proc/self/mountinfo")
            .Select(l => l.Split(" - ", 2))
            .Where(p => p.Length == 2 && p[1].StartsWith("cgroup2 ", StringComparison.Ordinal))
            .Select(p => p[0].Split(' ')[4])
            .FirstOrDefault();
        string? relative = File.ReadLines("/proc/self/cgroup").FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal))?[3..];
        if (mount is null || relative is null) return null;
        string own = System.IO.Path.Combine(mount, relative.TrimStart('/'));
        return Directory.Exists(own) ? own : null;
    }

    // A supervisor killed with SIGKILL leaves its runs' cgroups behind, empty once the workers killed themselves. An hour
    // old keeps clear of a cgroup another run made a moment ago and has not filled yet; rmdir refuses non-empty ones.
    private static void RemoveStale(string own)
    {
        foreach (string dir in Directory.EnumerateDirectories(own, NamePrefix + "*"))
        {
            try
            {
                if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(dir) > TimeSpan.FromHours(1)) Directory.Delete(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    // Succeeds only where the kernel allows it (no processes of the supervisor's cgroup's own would be left "inside").
    private static void TryEnableMemory(string own)
    {
        string controllers = System.IO.Path.Combine(own, "cgroup.controllers");
        string subtree = System.IO.Path.Combine(own, "cgroup.subtree_control");
        try
        {
            if (!File.ReadAllText(controllers).Split(' ', '\n').Contains("memory")) return;
            if (File.ReadAllText(subtree).Split(' ', '\n').Contains("memory")) return;
            File.WriteAllText(subtree, "+memory");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private long? StatValue(string file, string key)
    {
        string? line = Read(file)?.Split('\n').FirstOrDefault(l => l.StartsWith(key + " ", StringComparison.Ordinal));
        return line is not null && long.TryParse(line[(key.Length + 1)..], out long value) ? value : null;
    }

    private string? Read(string file)
    {
        try { return File.ReadAllText(System.IO.Path.Combine(Path, file)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private bool Write(string file, string value)
    {
        try
        {
            File.WriteAllText(System.IO.Path.Combine(Path, file), value);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }
}
