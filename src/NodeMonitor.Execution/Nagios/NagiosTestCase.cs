using System.Text;
using NodeMonitor.Core.Nagios;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Execution.Nagios;

/// <summary>
/// Turns one command's run into a test case with the plugin API's meaning: OK passes, WARNING is NUnit's Warning
/// (or a failure when configured), CRITICAL fails, UNKNOWN and anything else fails labelled "Unknown".
/// </summary>
public static class NagiosTestCase
{
    /// <summary>The <see cref="TestCaseResult.Label"/> of a command that ended UNKNOWN (exit 3, signal, not found, timed out).</summary>
    public const string UnknownLabel = "Unknown";

    /// <summary>The category every Nagios command carries, so <c>--where "cat == nagios"</c> selects them.</summary>
    public const string Category = "nagios";

    /// <summary>Property key prefix of perfdata values: <c>perfdata:&lt;label&gt;</c> = normalised value with unit.</summary>
    public const string PerfDataPrefix = "perfdata:";

    public static TestCaseResult From(string plugin, NagiosCommand command, NagiosExecution run, DateTimeOffset start, bool warningIsFailure)
    {
        var output = NagiosOutput.Parse(run.Stdout);
        var status = run.Status;
        var outcome = status switch
        {
            NagiosStatus.Ok => TestOutcome.Passed,
            NagiosStatus.Warning => warningIsFailure ? TestOutcome.Failed : TestOutcome.Warning,
            _ => TestOutcome.Failed,
        };
        var properties = new List<KeyValuePair<string, string>>
        {
            new("nagios:status", status.ToString().ToUpperInvariant()),
        };
        if (run.ExitCode is { } code) properties.Add(new("nagios:exitCode", code.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        properties.AddRange(output.PerfData.Select(p => new KeyValuePair<string, string>(PerfDataPrefix + p.Label, p.FormattedValue)));

        return new TestCaseResult(
            plugin,
            Path.GetFileName(command.File),
            command.TestFullName(plugin),
            NagiosCommand.TestClassName(plugin),
            command.Name,
            outcome,
            status == NagiosStatus.Unknown ? UnknownLabel : null,
            null,
            start,
            run.Duration,
            OutputLimits.Cap(Message(run, output), OutputLimits.MessageChars),
            null,
            OutputLimits.Cap(TestOutput(run, output), OutputLimits.TestOutputChars),
            0,
            [Category],
            properties)
        {
            // Named and read as NodeMonitor.Checks' Nagios.Check records perfdata inside a plugin, so both store the same series.
            Metrics = output.PerfData.Select(p => TestMetricJson.Parse(PerfDataMetric.ToJson(p, command.Name))).ToList(),
        };
    }

    private static string? Message(NagiosExecution run, NagiosOutput output)
    {
        if (run.Problem is not null) return output.Message.Length == 0 ? run.Problem : $"{run.Problem}: {output.Message}";
        if (output.Message.Length > 0) return output.Message;
        if (run.Status == NagiosStatus.Ok) return null;
        string stderr = run.Stderr.Trim();
        return $"exit code {run.ExitCode} with no output{(stderr.Length == 0 ? "" : $"; stderr: {stderr.Split('\n')[0]}")}";
    }

    private static string? TestOutput(NagiosExecution run, NagiosOutput output)
    {
        var text = new StringBuilder();
        if (output.LongText is { } longText) text.Append(longText).Append('\n');
        foreach (string error in output.PerfDataErrors) text.Append("[perfdata not read] ").Append(error).Append('\n');
        if (run.Stderr.Length > 0) text.Append("[stderr]\n").Append(run.Stderr.TrimEnd('\n')).Append('\n');
        return text.Length == 0 ? null : text.ToString();
    }
}
