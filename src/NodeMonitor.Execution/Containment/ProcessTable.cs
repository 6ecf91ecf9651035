using System.Runtime.InteropServices;
using System.Text;

namespace NodeMonitor.Execution.Containment;

/// <summary>
/// Finds a plugin run's processes in /proc without a cgroup: those in the worker's session (it is started as a
/// session leader, so shells, background jobs and un-awaited children are there) and those whose environment carries
/// the run's mark (which also finds children that left the session with setsid). A process that both leaves the
/// session and empties its environment is not found; only a cgroup finds that one.
/// </summary>
internal static partial class ProcessTable
{
    private const int SigKill = 9;
    private static readonly long ClockTicksPerSecond = 100; // USER_HZ, fixed at 100 on Linux for /proc
    private static readonly long PageSize = Environment.SystemPageSize;

    /// <summary>The processes in <paramref name="sessionLeader"/>'s session or carrying <paramref name="markAssignment"/>.
    /// Only processes started no earlier than the leader can carry the mark (they inherited it from the leader), so
    /// only their environments are read (<paramref name="leaderStart"/> from <see cref="StartTicks"/>, 0 to read all).</summary>
    public static IReadOnlyList<int> Members(int sessionLeader, string markAssignment, long leaderStart)
    {
        byte[] mark = Encoding.UTF8.GetBytes(markAssignment + "\0");
        var members = new List<int>();
        int self = Environment.ProcessId;
        foreach (int pid in AllPids())
        {
            if (pid == self || Stat(pid) is not { } stat) continue;
            if (stat.Session == sessionLeader || pid == sessionLeader) members.Add(pid);
            else if (stat.StartTicks >= leaderStart && EnvironmentContains(pid, mark)) members.Add(pid);
        }
        return members;
    }

    /// <summary>When <paramref name="pid"/> started (clock ticks since boot), or 0 when it is gone.</summary>
    public static long StartTicks(int pid) => Stat(pid)?.StartTicks ?? 0;

    /// <summary><paramref name="root"/> and its descendants, walked through /proc/&lt;pid&gt;/task/&lt;tid&gt;/children: cheap, reads only them.</summary>
    public static IReadOnlyList<int> Descendants(int root)
    {
        var found = new List<int>();
        var pending = new Queue<int>([root]);
        var seen = new HashSet<int>();
        while (pending.Count > 0)
        {
            int pid = pending.Dequeue();
            if (!seen.Add(pid) || !Directory.Exists($"/proc/{pid}")) continue;
            found.Add(pid);
            try
            {
                foreach (string task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
                {
                    foreach (string child in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                        if (int.TryParse(child, out int c)) pending.Enqueue(c);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* gone meanwhile */ }
        }
        return found;
    }

    /// <summary>CPU time (their own and of the children they reaped) and resident memory of <paramref name="pids"/>, added up.</summary>
    public static (TimeSpan Cpu, long ResidentBytes) Usage(IEnumerable<int> pids)
    {
        long ticks = 0, pages = 0;
        foreach (int pid in pids)
        {
            if (Stat(pid) is not { } stat) continue;
            ticks += stat.CpuTicks;
            pages += stat.ResidentPages;
        }
        return (TimeSpan.FromSeconds((double)ticks / ClockTicksPerSecond), pages * PageSize);
    }

    public static void Kill(IEnumerable<int> pids)
    {
        foreach (int pid in pids) if (pid > 1) SendSignal(pid, SigKill);
    }

    public static void KillGroup(int leader)
    {
        if (leader > 1) SendSignal(-leader, SigKill);
    }

    private readonly record struct ProcStat(int Session, long CpuTicks, long ResidentPages, long StartTicks);

    private static ProcStat? Stat(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        int close = text.LastIndexOf(')');
        if (close < 0) return null;
        // Fields after the command name, numbered as in proc(5) minus 3: state=0, session=3, utime=11 ... cstime=14,
        // starttime=19, rss=21.
        string[] f = text[(close + 2)..].Split(' ');
        if (f.Length < 22) return null;
        long Field(int i) => long.TryParse(f[i], out long v) ? v : 0;
        if (f[0] == "Z") return new ProcStat((int)Field(3), 0, 0, Field(19));
        return new ProcStat((int)Field(3), Field(11) + Field(12) + Field(13) + Field(14), Field(21), Field(19));
    }

    private static bool EnvironmentContains(int pid, byte[] assignment)
    {
        try
        {
            byte[] environ = File.ReadAllBytes($"/proc/{pid}/environ");
            int at = environ.AsSpan().IndexOf(assignment);
            return at == 0 || (at > 0 && environ[at - 1] == 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    private static IEnumerable<int> AllPids()
    {
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out int pid)) yield return pid;
        }
    }

    private static void SendSignal(int pid, int signal) => _ = KillNative(pid, signal);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);
}
