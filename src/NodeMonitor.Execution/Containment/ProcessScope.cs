using System.Diagnostics;
using System.Security.Cryptography;
using NodeMonitor.Core.Discovery;

namespace NodeMonitor.Execution.Containment;

/// <summary>
/// Everything one plugin process (a worker or a Nagios command) starts, contained so that none of it outlives the
/// run: the process is started as a session and process-group leader (util-linux <c>setsid</c>), inside a cgroup of
/// its own when one can be made, with a clean environment (<see cref="ChildEnvironment"/>) carrying a mark, optionally
/// as another account (<c>setpriv</c>) and with a kernel CPU limit per process (<c>prlimit</c>) as a backstop for
/// <see cref="LimitWatch"/>. <see cref="KillAll"/> ends all of it; <see cref="Dispose"/> does too.
/// </summary>
internal sealed class ProcessScope : IDisposable
{
    private static readonly string[] ToolDirectories = ["/usr/bin", "/bin", "/usr/sbin", "/sbin"];
    private static readonly TimeSpan FullScanInterval = TimeSpan.FromSeconds(1);
    private readonly Cgroup? _cgroup;
    private int _leader;
    private long _leaderStart;
    private IReadOnlyList<int> _scanned = [];
    private DateTime _scannedAt = DateTime.MinValue;
    private bool _clean;

    private ProcessScope(string mark, Cgroup? cgroup, PluginLimits limits, ChildAccount account, int plugins)
    {
        Mark = mark;
        _cgroup = cgroup;
        Limits = limits;
        Account = account;
        _plugins = plugins;
    }

    private readonly int _plugins;

    public string Mark { get; }

    public ChildAccount Account { get; }

    public PluginLimits Limits { get; }

    /// <summary>CPU time the scope's processes had used when the plugin now running started (a shared worker runs several
    /// one after the other; <c>cpuSeconds</c> is each one's budget, counted from here).</summary>
    public TimeSpan CpuBaseline { get; private set; }

    /// <summary>A shared worker's next plugin starts: its CPU budget counts from now.</summary>
    public void StartNextPlugin() => CpuBaseline = Usage().Cpu;

    /// <summary>True when the run has a cgroup: then even processes that left the session and emptied their environment are found.</summary>
    public bool HasCgroup => _cgroup is not null;

    /// <param name="limits">The limits of each plugin the process runs (a shared worker's plugins have the same).</param>
    /// <param name="plugins">How many plugins the process runs one after the other.</param>
    /// <exception cref="ChildStartException">plugin.json names a user that does not exist.</exception>
    public static ProcessScope Create(PluginLimits limits, int plugins = 1)
    {
        var account = limits.User is null ? ChildAccount.Supervisor() : ChildAccount.Lookup(limits.User);
        string mark = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var cgroup = OperatingSystem.IsLinux() ? Cgroup.TryCreate(Cgroup.NamePrefix + mark) : null;
        if (cgroup is { HasMemoryController: true }) cgroup.LimitMemory(limits.MemoryMegabytes * 1024L * 1024);
        return new ProcessScope(mark, cgroup, limits, account, plugins);
    }

    /// <summary>Rewrites <paramref name="info"/> to start through the launchers and sets its whole environment.</summary>
    /// <exception cref="ChildStartException">The program does not exist, or a launcher the account switch needs is missing.</exception>
    public void Prepare(ProcessStartInfo info, string? node, string plugin, IReadOnlyDictionary<string, string> pluginEnvironment)
    {
        // Checked here: once started through the launchers, a missing program would only be an exit code 127.
        if (Path.IsPathRooted(info.FileName) && !File.Exists(info.FileName))
            throw new ChildStartException($"{info.FileName} does not exist");
        info.Environment.Clear();
        foreach (var (name, value) in ChildEnvironment.Build(Account, node, plugin, pluginEnvironment, Mark)) info.Environment[name] = value;
        if (!OperatingSystem.IsLinux()) return;

        var launch = new List<string>();
        if (_cgroup is not null) launch.AddRange(["/bin/sh", "-c", "echo $$ > \"$0\"; exec \"$@\"", _cgroup.ProcsFile]);
        if (Tool("prlimit") is { } prlimit)
        {
            // A little above the watched limit: LimitWatch ends the run with a clear reason first; this is the backstop.
            // The kernel counts the whole process, so a shared worker's is the sum of its plugins' budgets.
            long cpu = (long)Limits.CpuSeconds * _plugins;
            launch.AddRange([prlimit, $"--cpu={cpu + 2}:{cpu + 4}", "--"]);
        }
        if (!Account.IsSupervisorAccount)
        {
            string setpriv = Tool("setpriv") ?? throw new ChildStartException("plugin.json sets \"user\" but setpriv (util-linux) is not installed");
            launch.AddRange([setpriv, $"--reuid={Account.Uid}", $"--regid={Account.Gid}", "--init-groups", "--"]);
        }
        if (Tool("setsid") is { } setsid) launch.Add(setsid);
        if (launch.Count == 0) return;

        var original = new List<string> { info.FileName };
        original.AddRange(info.ArgumentList);
        info.FileName = launch[0];
        info.ArgumentList.Clear();
        foreach (string a in launch.Skip(1).Concat(original)) info.ArgumentList.Add(a);
    }

    public void Started(int pid)
    {
        _leader = pid;
        _leaderStart = ProcessTable.StartTicks(pid);
    }

    /// <summary>The run's processes. Without a cgroup: the worker's descendants on every call, and the full /proc scan for the
    /// session and the mark (which finds children that were re-parented) at most once a second, since it reads every process.</summary>
    public IReadOnlyList<int> Members()
    {
        if (_cgroup is not null) return _cgroup.Pids();
        if (_leader <= 0) return [];
        if (DateTime.UtcNow - _scannedAt > FullScanInterval)
        {
            _scanned = ProcessTable.Members(_leader, MarkAssignment, _leaderStart);
            _scannedAt = DateTime.UtcNow;
            return _scanned;
        }
        return ProcessTable.Descendants(_leader).Union(_scanned).ToList();
    }

    private string MarkAssignment => $"{ChildEnvironment.MarkVariable}={Mark}";

    /// <summary>CPU time and memory of every process of the run (the cgroup's own figures when there is one).</summary>
    public (TimeSpan Cpu, long MemoryBytes) Usage()
    {
        var (cpu, resident) = ProcessTable.Usage(Members());
        if (_cgroup is null) return (cpu, resident);
        return (_cgroup.CpuTime() ?? cpu, _cgroup.MemoryBytes() ?? resident);
    }

    /// <summary>True when the kernel's memory limit of the cgroup killed a process of the run.</summary>
    public bool WasOomKilled() => _cgroup?.WasOomKilled() ?? false;

    /// <summary>Kills every process of the run; repeated while any is found (a fork racing the kill is caught on the next
    /// pass). Once a pass found nothing, later calls (Dispose after the end) cost nothing.</summary>
    public void KillAll()
    {
        if (!OperatingSystem.IsLinux() || _clean) return;
        for (int pass = 0; pass < 10; pass++)
        {
            _cgroup?.KillAll();
            ProcessTable.KillGroup(_leader);
            var alive = (_leader > 0 ? ProcessTable.Members(_leader, MarkAssignment, _leaderStart) : []).Where(IsAlive).ToList();
            if (alive.Count == 0 && (_cgroup is null || _cgroup.Pids().Count == 0))
            {
                _clean = _leader > 0;
                return;
            }
            ProcessTable.Kill(alive);
            Thread.Sleep(20);
        }
    }

    public void Dispose()
    {
        KillAll();
        _cgroup?.Remove();
    }

    private static bool IsAlive(int pid)
    {
        try { return !File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart().StartsWith('Z'); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    private static string? Tool(string name) =>
        ToolDirectories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
