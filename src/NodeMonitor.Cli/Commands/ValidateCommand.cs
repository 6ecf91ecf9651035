using System.CommandLine;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Discovery;
using NodeMonitor.Core.Storage;
using NodeMonitor.Execution.Planning;
using NodeMonitor.Core.Security;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Cli.Commands;

/// <summary><c>nodemonitor validate</c>: configuration and manifests only; loads nothing, runs nothing.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var root = CommonOptions.Root();
        var state = CommonOptions.State();
        var command = new Command("validate", """
            Check the configuration file, NODEMONITOR_* environment, every plugin.json under the plugin root
            (including their test selections) and that the state directory can be created and written. Nothing
            is loaded or run. Exit codes: 0 valid, 2 a configuration or plugin.json error, 3 the state directory
            cannot be created or is read-only.

            Examples:
              nodemonitor validate
              nodemonitor validate --config ./nodemonitor.json --root ./artifacts/plugins
            """)
        { config, root, state };

        command.SetAction(parse =>
        {
            var cfg = CommonOptions.Load(parse, config, root, state);
            Console.Out.WriteLine($"configuration: {cfg.SourceFile ?? "(defaults, no file)"}  node={cfg.Node}  root={cfg.PluginRoot}  state={cfg.StateDirectory}");
            if (StateDirectory.Problem(cfg.StateDirectory) is { } stateProblem)
            {
                Console.Error.WriteLine($"nodemonitor: cannot run: {stateProblem}");
                return ExitCodes.CouldNotRun;
            }
            if (!Directory.Exists(cfg.PluginRoot))
            {
                Console.Out.WriteLine($"plugin root {cfg.PluginRoot} does not exist yet (nodemonitor run would exit with 3)");
                return ExitCodes.Passed;
            }
            var prepared = RunCommand.Prepare(cfg, [], null);
            var discovery = prepared.Discovery;
            // A disabled plugin is not planned, but its selection must be valid before someone enables it.
            var problems = prepared.Problems.Concat(discovery.Plugins.Where(p => !p.Manifest.Enabled).SelectMany(DisabledProblems)).ToList();
            foreach (var plugin in discovery.Plugins.Where(p => problems.All(pr => pr.Plugin != p.Name)))
            {
                string commands = plugin.NagiosCommands.Count == 0 ? "" : $", {Plural.Of(plugin.NagiosCommands.Count, "Nagios command")}";
                Console.Out.WriteLine($"  ok  {TerminalText.Line(plugin.Name)}{(plugin.Manifest.Enabled ? "" : " (disabled)")}  {Plural.Of(plugin.Assemblies.Count, "assembly", "assemblies")}{commands}");
            }
            foreach (var note in discovery.Notes) Console.Out.WriteLine($"  note  {TerminalText.Line(note.Plugin)}: {TerminalText.Line(note.Message)}");
            foreach (var problem in problems) Console.Out.WriteLine($"  !!  {TerminalText.Line(problem.Plugin)}: {TerminalText.Line(problem.Message)}");
            var configErrors = problems.Where(p => p.IsConfigurationError).ToList();
            foreach (var problem in configErrors) Console.Error.WriteLine($"nodemonitor: error: plugin '{TerminalText.Line(problem.Plugin)}': {TerminalText.Line(problem.Message)}");
            if (configErrors.Count > 0) return ExitCodes.UsageError;
            Console.Out.WriteLine(problems.Count == 0 ? "valid" : "valid, with plugin folders that will fail to load (see !!)");
            return ExitCodes.Passed;
        });
        return command;
    }

    private static IEnumerable<DiscoveryProblem> DisabledProblems(PluginDescriptor plugin)
    {
        try
        {
            // A manifest's where is parsed when the manifest is read: a bad one is already a discovery problem.
            return [];
        }
        catch (ConfigurationException e)
        {
            return [DiscoveryProblem.FromConfiguration(plugin.Name, plugin.Directory, e)];
        }
    }
}
