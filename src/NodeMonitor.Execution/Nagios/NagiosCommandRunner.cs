using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Discovery;
using NodeMonitor.Core.Listening;
using NodeMonitor.Core.Nagios;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Execution.Nagios;

/// <summary>
/// Runs a plugin's Nagios commands as its test cases, one after the other, in the supervisor process: a command
/// is already a separate process, so it needs no worker to be isolated. Each command has its own time limit,
/// the plugin's environment (plugin.json) and the plugin folder as working directory.
/// </summary>
public sealed class NagiosCommandRunner(NagiosSettings settings)
{
    /// <summary>This node's name, given to the commands as NODEMONITOR_NODE.</summary>
    public string? Node { get; init; }

    /// <summary>Runs the selected commands, reporting TestStarted and TestFinished for each; returns their results in order.</summary>
    public async Task<IReadOnlyList<TestCaseResult>> RunAsync(PlannedPlugin planned, Action<RunEvent> onEvent, CancellationToken ct)
    {
        var plugin = planned.Plugin;
        var results = new List<TestCaseResult>();
        foreach (var command in plugin.NagiosCommands)
        {
            if (ct.IsCancellationRequested) break;
            if (!NagiosSelection.Selects(planned.Where, plugin.Name, command)) continue;
            var start = DateTimeOffset.UtcNow;
            onEvent(new TestStarted(plugin.Name, command.TestFullName(plugin.Name), start));
            var result = await RunOneAsync(plugin, command, start, ct).ConfigureAwait(false);
            results.Add(result);
            onEvent(new TestFinished(result, DateTimeOffset.UtcNow));
        }
        return results;
    }

    /// <summary>The selected commands of a plugin, one entry per .cfg file, for <c>nodemonitor list</c>.</summary>
    public static IReadOnlyList<AssemblyExploration> Explore(PlannedPlugin planned)
    {
        string plugin = planned.Plugin.Name;
        return planned.Plugin.NagiosCommands
            .Where(c => NagiosSelection.Selects(planned.Where, plugin, c))
            .GroupBy(c => c.File, StringComparer.Ordinal)
            .Select(g => new AssemblyExploration(Path.GetFileName(g.Key), null, g.Count(), g.Select(c => c.TestFullName(plugin)).ToList(), null))
            .ToList();
    }

    private async Task<TestCaseResult> RunOneAsync(PluginDescriptor plugin, NagiosCommand command, DateTimeOffset start, CancellationToken ct)
    {
        NagiosExecution run;
        try
        {
            string commandLine = NagiosMacros.Resolve(command, settings.Macros);
            run = await NagiosProcess.RunAsync(commandLine, plugin, Node, settings.CommandTimeout, ct)
                .ConfigureAwait(false);
        }
        catch (ConfigurationException e)
        {
            run = new NagiosExecution(null, "", "", e.Describe(), TimeSpan.Zero);
        }
        return NagiosTestCase.From(plugin.Name, command, run, start, settings.WarningIsFailure);
    }
}
