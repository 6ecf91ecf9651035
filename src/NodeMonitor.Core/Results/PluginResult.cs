namespace NodeMonitor.Core.Results;

/// <summary>The result of one plugin in one run. Tests that finished before a crash or timeout are kept.</summary>
/// <param name="Error">Why the plugin errored (null when <see cref="Status"/> is Completed).</param>
/// <param name="RunningTest">Full name of the test that was running when the worker died or was killed.</param>
/// <param name="CapturedOutput">The worker's own stdout/stderr, capped; set when the plugin errored.</param>
public sealed record PluginResult(
    string Name,
    IReadOnlyList<string> Assemblies,
    PluginStatus Status,
    string? Error,
    string? RunningTest,
    string? CapturedOutput,
    DateTimeOffset StartTime,
    TimeSpan Duration,
    IReadOnlyList<TestCaseResult> Tests)
{
    public OutcomeCounts Counts => OutcomeCounts.From(Tests);

    public bool Errored => Status != PluginStatus.Completed;

    /// <summary>Passed when no test failed and the worker completed.</summary>
    public bool Succeeded => !Errored && Tests.All(t => !t.IsFailure);
}
