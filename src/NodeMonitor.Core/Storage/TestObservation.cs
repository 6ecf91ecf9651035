using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Storage;

/// <summary>What one run saw of one test (or of a plugin itself), capped to the store's limits.</summary>
internal sealed record TestObservation(
    string FullName,
    TestOutcome Outcome,
    string? Label,
    string? Site,
    string? Message,
    string? StackTrace,
    string? Output,
    TimeSpan Duration,
    DateTimeOffset Time)
{
    public static TestObservation Of(TestCaseResult test) => new(
        test.FullName,
        test.Outcome,
        test.Label,
        test.Site,
        OutputLimits.Cap(test.Message, OutputLimits.MessageChars),
        OutputLimits.Cap(test.StackTrace, OutputLimits.MessageChars),
        OutputLimits.Cap(test.Output, OutputLimits.TestOutputChars),
        test.Duration,
        test.StartTime);

    /// <summary>The plugin's own state (see <see cref="TestState.PluginLevelName"/>).</summary>
    public static TestObservation OfPlugin(PluginResult plugin)
    {
        if (!plugin.Errored)
            return new(TestState.PluginLevelName, TestOutcome.Passed, null, null, null, null, null, plugin.Duration, plugin.StartTime);

        string message = plugin.Error ?? $"the plugin's worker ended with status {plugin.Status}";
        if (plugin.RunningTest is not null) message += $" (while running {plugin.RunningTest})";
        return new(
            TestState.PluginLevelName,
            TestOutcome.Failed,
            plugin.Status.ToString(),
            null,
            OutputLimits.Cap(message, OutputLimits.MessageChars),
            null,
            OutputLimits.Cap(plugin.CapturedOutput, OutputLimits.CapturedProcessOutputChars),
            plugin.Duration,
            plugin.StartTime);
    }
}
