using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Storage;

/// <summary>
/// The current state of one test on this node, like a Nagios service state: updated by every run that
/// ran the test, kept until the test has not been seen for the retention's maximum age.
/// </summary>
/// <param name="Since">When the test entered its current outcome (the start of the first run with it).</param>
/// <param name="LastSeen">When the test last ran.</param>
/// <param name="ConsecutiveFailures">Runs in a row that ended Failed; 0 unless <paramref name="Outcome"/> is Failed.</param>
/// <param name="Message">The latest message while not passing; null when passing.</param>
public sealed record TestState(
    string Plugin,
    string FullName,
    TestOutcome Outcome,
    DateTimeOffset Since,
    DateTimeOffset LastSeen,
    int ConsecutiveFailures,
    string? Message)
{
    /// <summary>
    /// The full name of a plugin's own state. Every plugin gets one: Failed while its worker crashes, times
    /// out or cannot be loaded (the error as message, the status name as label, the worker's output as
    /// output), Passed while it completes. A plugin error is not a test result, but storing it as one means
    /// status, history and transitions show it with no special case. NUnit full names never start with '&lt;'.
    /// </summary>
    public const string PluginLevelName = "<plugin>";

    /// <summary>True for the state of the plugin itself rather than one of its tests.</summary>
    public bool IsPluginLevel => FullName == PluginLevelName;
}
