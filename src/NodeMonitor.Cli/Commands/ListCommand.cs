using System.CommandLine;
using NodeMonitor.Cli.Json;
using NodeMonitor.Core.Discovery;
using NodeMonitor.Core.Security;
using NodeMonitor.Execution;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Cli.Commands;

/// <summary><c>nodemonitor list</c>: discovery only. Loads assemblies in workers to count tests; nothing runs.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var root = CommonOptions.Root();
        var format = CommonOptions.Format();
        var plugins = new Option<string[]>("--plugin", "-p") { Description = "Only this plugin (repeatable).", HelpName = "NAME" };
        var where = new Option<string?>("--where") { Description = "Count only the tests this selection picks (nunit3-console language).", HelpName = "EXPR" };
        var tests = new Option<bool>("--tests") { Description = "Also list every test's full name." };

        var command = new Command("list", """
            Show the plugins under the plugin root, their test assemblies, NUnit version and test counts.
            Nothing runs: assemblies are only loaded and explored.

            Examples:
              nodemonitor list
              nodemonitor list --root ./artifacts/plugins --tests
              nodemonitor list --plugin linux-health --where "cat == disk" --format json
            """)
        { config, root, plugins, where, tests, format };

        command.SetAction(async (parse, ct) =>
        {
            var cfg = CommonOptions.Load(parse, config, root);
            string? whereText = parse.GetValue(where);
            var names = parse.GetValue(plugins) ?? [];
            var prepared = RunCommand.Prepare(cfg, names, whereText);
            var (discovery, plan, problems) = (prepared.Discovery, prepared.Plan, prepared.Problems);

            var runner = new PluginRunner { Nagios = cfg.Nagios, Node = cfg.Node };
            using var gate = new SemaphoreSlim(cfg.Parallel);
            var explorations = await Task.WhenAll(plan.Plugins.Select(async p =>
            {
                await gate.WaitAsync(ct);
                try { return await runner.ExploreAsync(p, ct); }
                finally { gate.Release(); }
            }));

            var disabled = discovery.Plugins.Where(p => !p.Manifest.Enabled && (names.Length == 0 || names.Contains(p.Name))).ToList();
            bool listTests = parse.GetValue(tests);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                var listed = explorations
                    .Select(e => new ListedPlugin(e.Plugin, true, e.Error, e.Assemblies
                        .Select(a => new ListedAssembly(a.Assembly, a.FrameworkVersion, a.TestCount, a.Error, listTests ? a.Tests : null))
                        .ToList()))
                    .Concat(disabled.Select(d => new ListedPlugin(d.Name, false, null, [])))
                    .Concat(problems.Select(p => new ListedPlugin(p.Plugin, true, p.Message, [])))
                    .OrderBy(p => p.Name, StringComparer.Ordinal);
                Console.Out.WriteLine(CliJson.Print(new ListDocument(discovery.Root, [.. listed])));
            }
            else
            {
                Console.Out.WriteLine($"Plugin root: {discovery.Root}");
                foreach (var e in explorations)
                {
                    int count = e.Assemblies.Sum(a => a.TestCount);
                    Console.Out.WriteLine($"{TerminalText.Line(e.Plugin)}  ({Plural.Of(count, "test")}{(e.Error is null ? "" : ", ERROR: " + TerminalText.Line(e.Error))})");
                    foreach (var a in e.Assemblies)
                    {
                        string kind = a.Assembly.EndsWith(".cfg", StringComparison.Ordinal) ? "Nagios commands" : $"NUnit {a.FrameworkVersion ?? "?"}";
                        Console.Out.WriteLine($"    {TerminalText.Line(a.Assembly)}  {kind}  {Plural.Of(a.TestCount, "test")}{(a.Error is null ? "" : "  ERROR: " + TerminalText.Line(a.Error))}");
                        if (listTests) foreach (var t in a.Tests) Console.Out.WriteLine($"        {TerminalText.Line(t)}");
                    }
                }
                foreach (var d in disabled) Console.Out.WriteLine($"{TerminalText.Line(d.Name)}  (disabled in {PluginManifest.FileName})");
                foreach (var p in problems) Console.Out.WriteLine($"{TerminalText.Line(p.Plugin)}  PROBLEM: {TerminalText.Line(p.Message)}");
                foreach (var n in discovery.Notes.Where(n => names.Length == 0 || names.Contains(n.Plugin))) Console.Out.WriteLine($"{TerminalText.Line(n.Plugin)}  note: {TerminalText.Line(n.Message)}");
                if (explorations.Length == 0 && disabled.Count == 0 && problems.Count == 0) Console.Out.WriteLine("(no plugins)");
            }
            bool anyError = explorations.Any(e => e.Error is not null || e.Assemblies.Any(a => a.Error is not null)) || problems.Count > 0;
            return anyError ? ExitCodes.CheckFailed : ExitCodes.Passed;
        });
        return command;
    }

}
