using System.CommandLine;
using NodeMonitor.Cli.Output;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Discovery;
using NodeMonitor.Core.Listening;
using NodeMonitor.Core.Nagios;
using NodeMonitor.Core.Reporting;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;
using NodeMonitor.Execution;

namespace NodeMonitor.Cli.Commands;

/// <summary><c>nodemonitor run</c>: discover, plan, run every plugin isolated, store, report.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var root = CommonOptions.Root();
        var state = CommonOptions.State();
        var node = CommonOptions.Node();
        var format = CommonOptions.Format();
        var plugins = new Option<string[]>("--plugin", "-p")
        {
            Description = "Run only this plugin (repeatable). Default: every enabled plugin.",
            HelpName = "NAME",
            AllowMultipleArgumentsPerToken = false,
        };
        var where = new Option<string?>("--where")
        {
            Description = "Test selection in nunit3-console's language, e.g. \"cat == disk and not test =~ Slow\".",
            HelpName = "EXPR",
        };
        var parallel = new Option<int?>("--parallel")
        {
            Description = "Plugins run at the same time. Default: the processor count.",
            HelpName = "N",
        };
        var timeout = new Option<double?>("--timeout")
        {
            Description = "Default per-plugin time limit in seconds for plugins whose plugin.json sets none. Default: 300.",
            HelpName = "SECONDS",
        };
        var results = new Option<string[]>("--result")
        {
            Description = "Also write a result file, nunit3-console style: FILE[;format=nunit3|junit|json] (repeatable).",
            HelpName = "SPEC",
        };
        var wait = new Option<double>("--wait")
        {
            Description = "If another run holds the lock, wait up to this many seconds instead of exiting with 3.",
            HelpName = "SECONDS",
        };

        var command = new Command("run", """
            Run the monitoring plugins found under the plugin root, each in its own worker process, store the
            results locally and print a summary.

            Exit codes: 0 all passed, 1 a check failed or a plugin errored, 2 usage or configuration error,
            3 could not run (lock held, plugin root missing, state not writable).

            Examples:
              nodemonitor run
              nodemonitor run --root ./artifacts/plugins --state /tmp/nm-state
              nodemonitor run --plugin linux-health --where "cat != slow"
              nodemonitor run --result=TestResult.xml --result="junit.xml;format=junit"
              nodemonitor run --format json > last-run.json
            """)
        {
            config, root, state, node, plugins, where, parallel, timeout, results, wait, format,
        };

        command.SetAction(async (parse, ct) =>
        {
            var cfg = CommonOptions.Load(parse, config, root, state, node);
            if (parse.GetValue(parallel) is { } p)
            {
                if (p < 1) throw new ConfigurationException("expected a whole number of at least 1", key: "--parallel");
                cfg = cfg with { Parallel = p };
            }
            if (parse.GetValue(timeout) is { } t)
            {
                if (t <= 0) throw new ConfigurationException("expected a positive number of seconds", key: "--timeout");
                cfg = cfg with { DefaultTimeout = TimeSpan.FromSeconds(t) };
            }
            cfg.Validate();
            var options = new RunOptions(
                parse.GetValue(plugins) ?? [],
                parse.GetValue(where),
                (parse.GetValue(results) ?? []).Select(ResultFileSpec.Parse).ToList(),
                TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(wait))),
                parse.GetValue(format));
            return await ExecuteAsync(cfg, options, Console.Out, ct);
        });
        return command;
    }

    internal sealed record RunOptions(
        IReadOnlyCollection<string> Plugins,
        string? Where,
        IReadOnlyList<ResultFileSpec> ResultFiles,
        TimeSpan Wait,
        OutputFormat Format);

    internal static async Task<int> ExecuteAsync(NodeMonitorConfig cfg, RunOptions options, TextWriter stdout, CancellationToken ct)
    {
        // Validate everything before anything runs: result files, selection, manifests.
        foreach (var spec in options.ResultFiles) ResultFileWriter.EnsureWritable(spec);
        if (!string.IsNullOrWhiteSpace(options.Where)) ValidateWhere(options.Where, "--where");

        var discovery = Discover(cfg.PluginRoot);
        var problems = SelectedProblems(discovery, options.Plugins);
        var runnable = options.Plugins.Where(n => !problems.Any(pr => pr.Plugin == n)).ToList();
        foreach (var name in RunPlanner.NamedButDisabled(discovery, options.Plugins))
            Console.Error.WriteLine($"nodemonitor: note: plugin '{name}' is disabled in its {PluginManifest.FileName}; not running it");
        var plan = options.Plugins.Count > 0 && runnable.Count == 0
            ? new RunPlan([])
            : RunPlanner.Plan(discovery, runnable, options.Where, cfg.DefaultTimeout);
        foreach (var planned in plan.Plugins)
        {
            if (planned.Where is not null) ValidateWhere(planned.Where, Path.Combine(planned.Plugin.Directory, PluginManifest.FileName));
            NagiosMacros.CheckAll(planned.Plugin.NagiosCommands, cfg.Nagios.Macros);
        }

        using var runLock = RunLock.Acquire(cfg.StateDirectory, options.Wait);
        using var store = OpenStore(cfg);

        bool interactive = options.Format == OutputFormat.Text && !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out);
        IRunListener listener = options.Format == OutputFormat.Text ? new ConsoleProgress(stdout, interactive) : new NullListener();
        var coordinator = new RunCoordinator(new PluginRunner { Nagios = cfg.Nagios, Node = cfg.Node }, cfg.Parallel);
        var ran = await coordinator.RunAsync(plan, cfg.Node, listener, ct);

        var run = WithProblems(ran, problems);
        if (options.Format == OutputFormat.Text)
        {
            foreach (var problem in run.Plugins.Where(pl => problems.Any(pr => pr.Plugin == pl.Name)))
                stdout.WriteLine(ConsoleProgress.Describe(problem));
        }

        var sinks = new List<IResultSink> { store };
        sinks.AddRange(options.ResultFiles.Select(spec => new ResultFileSink(spec)));
        var sinkErrors = new SinkFanOut(sinks).Write(run);
        foreach (var error in sinkErrors)
            Console.Error.WriteLine($"nodemonitor: warning: could not write to {error.Sink}: {error.Error.Message}");
        MetricsCommand.RecordRun(cfg, run, sinkErrors);

        // After the local store: the centre hears only about changes, within the reporting budget.
        await CentralReporting.AfterRunAsync(cfg, store, run, plan, Console.Error);

        if (options.Format == OutputFormat.Json) stdout.WriteLine(RunResultJson.Serialize(run));
        else RunSummary.Write(stdout, run);

        if (ct.IsCancellationRequested) Console.Error.WriteLine("nodemonitor: run interrupted; results so far were stored");
        return run.Passed ? ExitCodes.Passed : ExitCodes.CheckFailed;
    }

    internal static void ValidateWhere(string where, string source)
    {
        try
        {
            WhereExpression.ToFilterXml(where);
        }
        catch (WhereSyntaxException e)
        {
            throw new ConfigurationException($"invalid test selection \"{where}\": {e.Message}", file: source);
        }
    }

    internal static DiscoveryResult Discover(string root)
    {
        try
        {
            return PluginCatalog.Discover(root);
        }
        catch (PluginRootNotFoundException e)
        {
            throw new CouldNotRunException(e.Message);
        }
    }

    internal static LocalStore OpenStore(NodeMonitorConfig cfg)
    {
        try
        {
            return LocalStore.Open(cfg.StateDirectory, cfg.Retention);
        }
        catch (StoreException e)
        {
            throw new CouldNotRunException(e.Message);
        }
    }

    private static List<DiscoveryProblem> SelectedProblems(DiscoveryResult discovery, IReadOnlyCollection<string> names) =>
        discovery.Problems.Where(p => names.Count == 0 || names.Contains(p.Plugin)).ToList();

    /// <summary>A plugin folder that could not even be planned (no test assembly, named assembly missing) is a failed plugin.</summary>
    private static RunResult WithProblems(RunResult run, IReadOnlyList<DiscoveryProblem> problems)
    {
        if (problems.Count == 0) return run;
        var failed = problems.Select(p => new PluginResult(
            p.Plugin, [], PluginStatus.LoadFailed, p.Message, null, null, run.StartTime, TimeSpan.Zero, []));
        var all = run.Plugins.Concat(failed).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        return run with { Plugins = all };
    }

    private sealed class NullListener : IRunListener
    {
        public void OnEvent(RunEvent runEvent) { }
    }
}
