using System.CommandLine;
using NodeMonitor.Central;
using NodeMonitor.Cli.Output;
using NodeMonitor.Cli.Wiring;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Discovery;
using NodeMonitor.Core.Listening;
using NodeMonitor.Core.Reporting;
using NodeMonitor.Core.Results;
using NodeMonitor.Execution;
using NodeMonitor.Execution.Planning;

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

            Exit codes: 0 all passed, 1 a check failed or a plugin errored (a plugin with an invalid plugin.json
            is a failed plugin), 2 usage or configuration error, 3 could not run or could not store the run
            (lock held, plugin root missing, state directory not creatable or read-only, disk full).

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
        var prepared = Prepare(cfg, options.Plugins, options.Where);
        foreach (var name in prepared.NamedButDisabled)
            Console.Error.WriteLine($"nodemonitor: note: plugin '{name}' is disabled in its {PluginManifest.FileName}; not running it");

        using var runLock = RunLock.Acquire(cfg.StateDirectory, options.Wait);

        bool interactive = options.Format == OutputFormat.Text && !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out);
        IRunListener listener = options.Format == OutputFormat.Text ? new ConsoleProgress(stdout, interactive) : new NullListener();
        using var central = OpenCentral(cfg);
        using var cluster = await ClusterRound.StartAsync(cfg, central, prepared.Plan, ct);
        var coordinator = new RunCoordinator(new PluginRunner { Nagios = cfg.Nagios, Node = cfg.Node }, cfg.Parallel);
        // The first workers are started before RunAsync returns; the store opens while their runtimes start. A store that
        // cannot be opened is recorded in RunStore (the checks still run); anything else thrown on opening stops the
        // workers already started before it surfaces.
        using var stopRun = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var running = coordinator.RunAsync(cluster.Plan, cfg.Node, listener, stopRun.Token);
        using var store = await OpenStoreBesideAsync(cfg.StateDirectory, running, stopRun);
        var ran = await running;

        var run = Core.Security.SecretRedactor.For(cfg).Redact(WithProblems(ran, prepared.Problems));
        if (options.Format == OutputFormat.Text)
        {
            foreach (var problem in run.Plugins.Where(pl => prepared.Problems.Any(pr => pr.Plugin == pl.Name)))
                Colour.WriteLine(stdout, ConsoleProgress.Describe(problem), Tone.Failure);
        }

        var pipeline = NodePipeline.Create(cfg, store, prepared.Installed, prepared.RetriesOf, options.ResultFiles, central, Console.Error,
            cluster);
        // Not cancellable: an interrupted run still stores (and reports) what it has.
        bool stored = NodePipeline.Report(await pipeline.WriteAsync(run, CancellationToken.None), Console.Error);
        store.WarnIfMovedAside(Console.Error);

        if (options.Format == OutputFormat.Json) stdout.WriteLine(RunResultJson.Serialize(run));
        else RunSummary.Write(stdout, run, stored);
        if (options.Format == OutputFormat.Text && cluster.Line(cfg.Node) is { } clusterLine) stdout.WriteLine(clusterLine);

        if (ct.IsCancellationRequested) Console.Error.WriteLine("nodemonitor: run interrupted; results so far were stored");
        if (!stored) return ExitCodes.CouldNotRun;
        return run.Passed ? ExitCodes.Passed : ExitCodes.CheckFailed;
    }

    private static async Task<RunStore> OpenStoreBesideAsync(string stateDirectory, Task running, CancellationTokenSource stopRun)
    {
        try
        {
            return RunStore.Open(stateDirectory);
        }
        catch
        {
            await stopRun.CancelAsync();
            await running.ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>The plan of <c>run</c>, <c>list</c> and <c>validate</c>; a missing plugin root, or no .NET runtime for the
    /// worker when a planned plugin has test assemblies, is exit 3.</summary>
    internal static PreparedPlan Prepare(NodeMonitorConfig cfg, IReadOnlyCollection<string> plugins, string? where)
    {
        try
        {
            var prepared = RunPlanning.Prepare(cfg, plugins, where);
            if (PluginRunner.WorkerRuntimeProblem(prepared.Plan.Plugins) is { } problem) throw new CouldNotRunException(problem);
            return prepared;
        }
        catch (PluginRootNotFoundException e)
        {
            throw new CouldNotRunException(e.Message);
        }
    }

    /// <summary>Null when the configuration reports nowhere. A certificate unreadable since the configuration was loaded
    /// is a warning: the run's verdict must not depend on the centre.</summary>
    private static CentralConnections? OpenCentral(NodeMonitorConfig cfg)
    {
        if (!CentralConnections.Enabled(cfg)) return null;
        try
        {
            return CentralConnections.Open(cfg);
        }
        catch (ConfigurationException e)
        {
            Console.Error.WriteLine($"nodemonitor: warning: central reporting skipped: {e.Describe()}");
            return null;
        }
    }

    /// <summary>A plugin folder that could not even be planned (invalid plugin.json, no test assembly, named assembly
    /// missing) is a failed plugin, with the reason as its error.</summary>
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
