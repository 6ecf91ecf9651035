namespace NodeMonitor.Core.Results;

/// <summary>How a plugin's worker ended. Anything but <see cref="Completed"/> is a plugin error and fails the run.</summary>
public enum PluginStatus
{
    /// <summary>The worker ran every selected test and exited normally.</summary>
    Completed,
    /// <summary>The worker process died (Environment.Exit, FailFast, stack overflow, signal).</summary>
    Crashed,
    /// <summary>The plugin ran past its timeout and its worker was killed.</summary>
    TimedOut,
    /// <summary>The plugin could not be loaded (missing dependency, not a test assembly, wrong framework).</summary>
    LoadFailed,
}
