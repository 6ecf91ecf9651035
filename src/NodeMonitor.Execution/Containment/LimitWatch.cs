namespace NodeMonitor.Execution.Containment;

/// <summary>
/// Enforces a plugin's <c>memoryLimitMB</c> and <c>cpuSeconds</c> from the supervisor's side: every
/// <see cref="Interval"/> it adds up the CPU time and resident memory of all the run's processes (the cgroup's
/// figures when there is one) and, past a limit, kills them all and names the limit. With a cgroup that has the
/// memory controller the kernel enforces memory.max itself and this reports its OOM kill.
/// In a shared worker the memory limit holds for the process as a whole and the CPU limit for each plugin, counted from its start.
/// RLIMIT_AS cannot be used: the .NET runtime reserves far more address space than it ever touches.
/// </summary>
internal static class LimitWatch
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Watches until <paramref name="ct"/> is cancelled; returns the reason when a limit was exceeded (everything is killed by then), else null.</summary>
    public static async Task<string?> WatchAsync(ProcessScope scope, CancellationToken ct)
    {
        long memoryLimit = scope.Limits.MemoryMegabytes * 1024L * 1024;
        var cpuLimit = TimeSpan.FromSeconds(scope.Limits.CpuSeconds);
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                if (Exceeded(scope, memoryLimit, cpuLimit) is { } reason)
                {
                    scope.KillAll();
                    return reason;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        return null;
    }

    /// <summary>The limit the run's processes are past right now, or null.</summary>
    public static string? Exceeded(ProcessScope scope, long memoryLimitBytes, TimeSpan cpuLimit)
    {
        if (scope.WasOomKilled()) return MemoryReason(scope);
        var (cpu, memory) = scope.Usage();
        cpu -= scope.CpuBaseline;
        if (memory > memoryLimitBytes) return MemoryReason(scope);
        if (cpu > cpuLimit) return CpuReason(scope);
        return null;
    }

    public static string MemoryReason(ProcessScope scope) => $"memory limit {scope.Limits.MemoryMegabytes} MB exceeded";

    public static string CpuReason(ProcessScope scope) => $"CPU limit {scope.Limits.CpuSeconds} s exceeded";
}
