using System.CommandLine;
using NodeMonitor.Core.Discovery;
using NodeMonitor.Core.Nagios;
using NodeMonitor.Core.Security;

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
            Check the configuration file, NODEMONITOR_* environment and every plugin.json under the plugin root,
            including their test selections. Nothing is loaded or run. Exit code 0 when valid, 2 otherwise.

            Examples:
              nodemonitor validate
              nodemonitor validate --config ./nodemonitor.json --root ./artifacts/plugins
            """)
        { config, root, state };

        command.SetAction(parse =>
        {
            var cfg = CommonOptions.Load(parse, config, root, state);
            Console.Out.WriteLine($"configuration: {cfg.SourceFile ?? "(defaults, no file)"}  node={cfg.Node}  root={cfg.PluginRoot}  state={cfg.StateDirectory}");
            if (!Directory.Exists(cfg.PluginRoot))
            {
                Console.Out.WriteLine($"plugin root {cfg.PluginRoot} does not exist yet (nodemonitor run would exit with 3)");
                return ExitCodes.Passed;
            }
            var discovery = RunCommand.Discover(cfg.PluginRoot);
            foreach (var plugin in discovery.Plugins)
            {
                string manifest = Path.Combine(plugin.Directory, PluginManifest.FileName);
                if (plugin.Manifest.Where is { } w) RunCommand.ValidateWhere(w, manifest);
                if (plugin.Manifest.Enabled) NagiosMacros.CheckAll(plugin.NagiosCommands, cfg.Nagios.Macros);
                string commands = plugin.NagiosCommands.Count == 0 ? "" : $", {plugin.NagiosCommands.Count} Nagios commands";
                Console.Out.WriteLine($"  ok  {TerminalText.Line(plugin.Name)}{(plugin.Manifest.Enabled ? "" : " (disabled)")}  {plugin.Assemblies.Count} assemblies{commands}");
            }
            foreach (var note in discovery.Notes) Console.Out.WriteLine($"  note  {TerminalText.Line(note.Plugin)}: {TerminalText.Line(note.Message)}");
            foreach (var problem in discovery.Problems) Console.Out.WriteLine($"  !!  {TerminalText.Line(problem.Plugin)}: {TerminalText.Line(problem.Message)}");
            Console.Out.WriteLine(discovery.Problems.Count == 0 ? "valid" : "valid, with plugin folders that will fail to load (see !!)");
            return ExitCodes.Passed;
        });
        return command;
    }
}
