using System.ComponentModel;
using System.Diagnostics;
using NodeMonitor.Core.Discovery;

namespace NodeMonitor.Execution.Containment;

internal enum ContainedEnding { Exited, TimedOut, Cancelled }

/// <summary>How a contained process ended, and the limit that ended it, if one did.</summary>
internal sealed record ContainedExit(ContainedEnding Ending, string? LimitExceeded);

/// <summary>Starts a plugin's process inside a <see cref="ProcessScope"/> and waits for it under the deadline and the limits.
/// Shared by workers and Nagios commands, so both are contained the same way.</summary>
internal static class ContainedProcess
{
    /// <summary>Starts <paramref name="process"/> (its StartInfo is rewritten) in a new scope the caller disposes.</summary>
    /// <param name="plugins">How many plugins the process runs one after the other (a shared worker), all with
    /// <paramref name="plugin"/>'s limits and account.</param>
    /// <param name="environment">The plugin variables the process starts with; default: <paramref name="plugin"/>'s own.</param>
    /// <exception cref="ChildStartException">No such user, no such program, or the start failed; one line for people.</exception>
    public static ProcessScope Start(Process process, PluginDescriptor plugin, string? node, int plugins = 1,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var scope = ProcessScope.Create(plugin.Manifest.Limits, plugins);
        try
        {
            scope.Prepare(process.StartInfo, node, plugin.Name, environment ?? plugin.Manifest.Environment);
            process.Start();
            scope.Started(process.Id);
            return scope;
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or ChildStartException)
        {
            scope.Dispose();
            throw e as ChildStartException ?? new ChildStartException(e.Message);
        }
    }

    /// <summary>Waits until the process exits, the deadline passes, <paramref name="ct"/> is cancelled or a limit is exceeded;
    /// then kills everything of the scope. The process has exited when this returns.</summary>
    public static async Task<ContainedExit> WaitAsync(Process process, ProcessScope scope, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan
            ? new CancellationTokenSource(timeout) : new CancellationTokenSource();
        using var endWatch = new CancellationTokenSource();
        var limits = LimitWatch.WatchAsync(scope, endWatch.Token);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, ct);
        var ending = ContainedEnding.Exited;
        try
        {
            await process.WaitForExitAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            scope.KillAll();
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            ending = ct.IsCancellationRequested ? ContainedEnding.Cancelled : ContainedEnding.TimedOut;
        }
        // The process is gone: whatever it left behind goes too, before anybody waits on a pipe.
        await endWatch.CancelAsync().ConfigureAwait(false);
        string? limit = await limits.ConfigureAwait(false) ?? LimitAfterExit(scope, process.ExitCode);
        scope.KillAll();
        return new ContainedExit(ending, limit);
    }

    /// <summary>A limit that ended the process between two checks: the cgroup's OOM kill, or the kernel's CPU backstop (SIGXCPU).</summary>
    private static string? LimitAfterExit(ProcessScope scope, int exitCode)
    {
        const int sigxcpu = 128 + 24;
        if (scope.WasOomKilled()) return LimitWatch.MemoryReason(scope);
        return exitCode == sigxcpu ? LimitWatch.CpuReason(scope) : null;
    }
}
