using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using NodeMonitor.Execution.Containment;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// Ends the worker when the nodemonitor process that started it is gone. The supervisor keeps the worker's
/// stdin pipe open for the worker's whole life; when the supervisor dies (even by SIGKILL, when it gets no
/// chance to kill its workers) the kernel closes that pipe and the read here returns end-of-file. A hung
/// plugin can therefore never outlive its run. The original stdin is moved to a private descriptor first
/// and /dev/null put in its place, so plugin code that reads Console.In cannot swallow the signal.
/// Everything the plugin started goes with the worker: its cgroup, the processes carrying its run's mark and its
/// process group. PR_SET_PDEATHSIG is not used: it fires when the supervisor *thread* that forked the worker ends,
/// and that is a thread-pool thread the runtime may retire in the middle of a run.
/// </summary>
internal static partial class ParentWatch
{
    public static void Start()
    {
        if (!OperatingSystem.IsLinux()) return;
        const int F_DUPFD_CLOEXEC = 1030;
        string? mark = Environment.GetEnvironmentVariable(ChildEnvironment.MarkVariable); // read before plugin code can change it
        int watchFd = Fcntl(0, F_DUPFD_CLOEXEC, 3);
        if (watchFd < 0) return;
        int devNull = Open("/dev/null", 0);
        if (devNull >= 0)
        {
            Dup2(devNull, 0);
            Close(devNull);
        }
        var thread = new Thread(() =>
        {
            using var stdin = new FileStream(new SafeFileHandle(watchFd, ownsHandle: true), FileAccess.Read, bufferSize: 0);
            var buffer = new byte[64];
            try
            {
                while (stdin.Read(buffer) > 0) { /* the supervisor writes nothing more (a shared worker's batch was read before); ignored */ }
            }
            catch (IOException) { }
            // The supervisor is gone: nobody can read our results any more. SIGKILL everything of this run, ourselves
            // last, so no finalizer, stuck test thread or leftover child keeps anything alive.
            KillRun(mark);
        })
        { IsBackground = true, Name = "nodemonitor parent watch" };
        thread.Start();
    }

    private static void KillRun(string? mark)
    {
        int self = Environment.ProcessId;
        if (!string.IsNullOrEmpty(mark))
            ProcessTable.Kill(ProcessTable.Members(self, $"{ChildEnvironment.MarkVariable}={mark}", ProcessTable.StartTicks(self)).Where(p => p != self));
        Cgroup.KillOwnRun();
        ProcessTable.KillGroup(self);
        Kill(self, 9);
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int oldFd, int newFd);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
