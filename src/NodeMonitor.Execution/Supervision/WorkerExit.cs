namespace NodeMonitor.Execution.Supervision;

internal enum WorkerEnding { Exited, TimedOut, Cancelled, FailedToStart }

/// <summary>How a worker process ended, and what it wrote besides the protocol (capped).</summary>
internal sealed record WorkerExit(WorkerEnding Ending, int? ExitCode, bool SentDone, string CapturedOutput, string? StartError)
{
    /// <summary>What the worker sent that the protocol does not allow, when that ended it (see ProtocolSequence).</summary>
    public string? ProtocolViolation { get; init; }

    /// <summary>How many plugins of a shared worker sent their done message (a worker of one plugin: 0 or 1).</summary>
    public int PluginsDone { get; init; }

    /// <summary>The limit (memoryLimitMB, cpuSeconds) the worker's processes exceeded, when that ended them.</summary>
    public string? LimitExceeded { get; init; }

    /// <summary>One clause for people: "exited with code 42", "was killed by signal 6 (SIGABRT, exit code 134)".</summary>
    public string DescribeExit()
    {
        if (ExitCode is not int code) return "ended";
        // .NET reports a process killed by signal N as exit code 128 + N.
        if (!OperatingSystem.IsWindows() && code is > 128 and < 160)
        {
            int signal = code - 128;
            string? name = SignalName(signal);
            return name is null ? $"was killed by signal {signal} (exit code {code})" : $"was killed by {name} (signal {signal}, exit code {code})";
        }
        return $"exited with code {code}";
    }

    /// <summary>The runtime's own last words, e.g. "Stack overflow." or "Process terminated. ...", when it left any.</summary>
    public string? RuntimeReason()
    {
        foreach (string line in CapturedOutput.Split('\n'))
        {
            string l = line.Trim();
            if (l.StartsWith("Stack overflow", StringComparison.Ordinal)
                || l.StartsWith("Process terminated", StringComparison.Ordinal)
                || l.StartsWith("Unhandled exception", StringComparison.Ordinal)
                || l.StartsWith("Out of memory", StringComparison.Ordinal))
                return l.Length > 200 ? l[..200] + "..." : l;
        }
        return null;
    }

    private static string? SignalName(int signal) => signal switch
    {
        1 => "SIGHUP", 2 => "SIGINT", 4 => "SIGILL", 6 => "SIGABRT", 7 => "SIGBUS", 8 => "SIGFPE",
        9 => "SIGKILL", 11 => "SIGSEGV", 13 => "SIGPIPE", 15 => "SIGTERM", 24 => "SIGXCPU",
        _ => null,
    };
}
