using NodeMonitor.Core.Discovery;
using NodeMonitor.Core.Results;
using NodeMonitor.Execution.Tests.Support;

namespace NodeMonitor.Execution.Tests;

/// <summary>Plugins sharing one worker process, against real workers: environment, isolation opt-out and what happens to
/// the other plugins when the running one crashes, hangs or cannot load.</summary>
[Category("Integration")]
public sealed class SharedWorkerTests
{
    private const string Reporter = "Fixtures.SharedWorker.SharedWorkerChecks.ReportsWhatItSees";

    /// <summary>The SharedWorker fixture as a plugin named <paramref name="name"/>.</summary>
    private static PlannedPlugin Reporting(string name, IReadOnlyDictionary<string, string>? environment = null, bool ownProcess = false)
    {
        var fixture = FixturePlugins.Plan("SharedWorker").Plugin;
        var manifest = fixture.Manifest with { Environment = environment ?? new Dictionary<string, string>() };
        return new PlannedPlugin(fixture with { Name = name, Manifest = manifest with { OwnProcess = ownProcess } }, null, TimeSpan.FromSeconds(60));
    }

    private static async Task<RunResult> Run(int parallelism, params PlannedPlugin[] plugins) =>
        await new RunCoordinator(new PluginRunner(), parallelism).RunAsync(new RunPlan(plugins), "node-1", new CollectingListener(), CancellationToken.None);

    /// <summary>What the plugin's ReportsWhatItSees test printed, as name=value pairs.</summary>
    private static Dictionary<string, string> Seen(RunResult run, string plugin)
    {
        var output = run.Plugins.Single(p => p.Name == plugin).Tests.Single(t => t.FullName == Reporter).Output ?? "";
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
    }

    [Test]
    public async Task PluginsThatAgreeShareAWorkerAndEachSeesOnlyItsOwnEnvironment()
    {
        var greeting = new Dictionary<string, string> { ["NODEMONITOR_FIXTURE_GREETING"] = "hello" };
        var run = await Run(1, Reporting("first", greeting), Reporting("second"), Reporting("third", greeting));
        var (first, second, third) = (Seen(run, "first"), Seen(run, "second"), Seen(run, "third"));
        Assert.Multiple(() =>
        {
            Assert.That(run.Plugins.Select(p => p.Status), Is.All.EqualTo(PluginStatus.Completed));
            Assert.That(new[] { second["pid"], third["pid"] }, Is.All.EqualTo(first["pid"]), "one worker for the three");
            Assert.That((first["plugin"], second["plugin"], third["plugin"]), Is.EqualTo(("first", "second", "third")));
            Assert.That((first["greeting"], first["native-greeting"]), Is.EqualTo(("hello", "hello")));
            Assert.That((second["greeting"], second["native-greeting"]), Is.EqualTo(("", "")), "the first plugin's manifest variable");
            Assert.That((second["left-behind"], second["native-left-behind"]), Is.EqualTo(("", "")), "what the first plugin's test set");
            Assert.That((third["greeting"], third["left-behind"]), Is.EqualTo(("hello", "")));
            Assert.That(new[] { first["gc-gen0size"], second["gc-gen0size"] }, Is.All.Empty, "the worker's own start-up tuning");
        });
    }

    [Test]
    public async Task IsolationProcessRunsThePluginInAWorkerOfItsOwn()
    {
        var run = await Run(1, Reporting("first"), Reporting("alone", ownProcess: true), Reporting("third"));
        Assert.Multiple(() =>
        {
            Assert.That(run.Plugins.Select(p => p.Status), Is.All.EqualTo(PluginStatus.Completed));
            Assert.That(Seen(run, "third")["pid"], Is.EqualTo(Seen(run, "first")["pid"]));
            Assert.That(Seen(run, "alone")["pid"], Is.Not.EqualTo(Seen(run, "first")["pid"]));
        });
    }

    [TestCase("CrashExit", "exited with code 42")]
    [TestCase("CrashFailFast", "killed by SIGABRT")]
    [TestCase("CrashStackOverflow", "Stack overflow")]
    public async Task CrashFailsTheRunningPluginOnlyAndTheOnesAfterItRunInFreshWorkers(string crashing, string reason)
    {
        var run = await Run(1, Reporting("before"), FixturePlugins.Plan(crashing), Reporting("after"), Reporting("last"));
        var crashed = run.Plugins[1];
        Assert.Multiple(() =>
        {
            Assert.That(run.Plugins.Select(p => p.Name), Is.EqualTo(new[] { "before", crashing.ToLowerInvariant(), "after", "last" }));
            Assert.That(run.Plugins.Where(p => p != crashed).Select(p => p.Status), Is.All.EqualTo(PluginStatus.Completed));
            Assert.That(run.Plugins[0].Counts.Passed, Is.EqualTo(2), "the finished plugin keeps its results");
            Assert.That(crashed.Status, Is.EqualTo(PluginStatus.Crashed));
            Assert.That(crashed.Error, Does.Contain(reason));
            Assert.That(crashed.Tests, Is.Not.Empty, "the crashed plugin keeps the tests that finished before the crash");
            Assert.That(Seen(run, "after")["pid"], Is.Not.EqualTo(Seen(run, "before")["pid"]));
            Assert.That(Seen(run, "last")["pid"], Is.Not.EqualTo(Seen(run, "after")["pid"]), "each remaining plugin alone");
        });
    }

    [Test]
    public async Task HangTimesOutOnItsOwnDeadlineAndTheRestRunInFreshWorkers()
    {
        var hang = FixturePlugins.Plan("Hang", timeout: TimeSpan.FromSeconds(3));
        var run = await Run(1, Reporting("before") with { Timeout = TimeSpan.FromSeconds(3) }, hang, Reporting("after"));
        Assert.Multiple(() =>
        {
            Assert.That(run.Plugins.Select(p => p.Status), Is.EqualTo(new[] { PluginStatus.Completed, PluginStatus.TimedOut, PluginStatus.Completed }));
            Assert.That(run.Plugins[1].Error, Does.Contain("timed out after 3 s while running Fixtures.Hang.HangChecks.SleepsForever"));
            Assert.That(run.Plugins[1].Tests.Select(t => t.Outcome), Is.EqualTo(new[] { TestOutcome.Passed }));
            Assert.That(Seen(run, "after")["pid"], Is.Not.EqualTo(Seen(run, "before")["pid"]));
        });
    }

    [TestCase("forge-after-done", "a done message that the worker did not send")]
    [TestCase("forge-other-plugin", "a result for plugin 'linux-health'")]
    public async Task ForgedProtocolFailsTheForgingPluginOnly(string attack, string reason)
    {
        var run = await Run(1, Reporting("before"), FixturePlugins.Plan("Hostile", $"cat == {attack}"), Reporting("after"));
        var hostile = run.Plugins[1];
        Assert.Multiple(() =>
        {
            Assert.That(hostile.Status, Is.EqualTo(PluginStatus.Crashed), hostile.Error);
            Assert.That(hostile.Error, Does.Contain("protocol violation").And.Contain(reason));
            Assert.That(hostile.Tests.Select(t => t.Outcome), Is.EqualTo(new[] { TestOutcome.Passed }), "the test before the attack");
            Assert.That(new[] { run.Plugins[0].Status, run.Plugins[2].Status }, Is.All.EqualTo(PluginStatus.Completed));
            Assert.That(run.Plugins[2].Counts.Passed, Is.EqualTo(2), "the next plugin's own results, nothing forged");
        });
    }

    [Test]
    public async Task LoadFailureFailsThatPluginOnlyAndTheWorkerGoesOn()
    {
        var run = await Run(1, Reporting("before"), FixturePlugins.Plan("MissingDependency"), Reporting("after"));
        Assert.Multiple(() =>
        {
            Assert.That(run.Plugins.Select(p => p.Status), Is.EqualTo(new[] { PluginStatus.Completed, PluginStatus.LoadFailed, PluginStatus.Completed }));
            Assert.That(run.Plugins[1].Error, Does.Contain("MissingDependency.Library"));
            Assert.That(Seen(run, "after")["pid"], Is.EqualTo(Seen(run, "before")["pid"]));
        });
    }

    [Test]
    public async Task ParallelWorkersSplitAGroupAndKeepPlanOrder()
    {
        var plugins = Enumerable.Range(1, 5).Select(i => Reporting($"p{i}")).ToArray();
        var run = await Run(2, plugins);
        var pids = run.Plugins.Select(p => Seen(run, p.Name)["pid"]).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(run.Plugins.Select(p => p.Name), Is.EqualTo(plugins.Select(p => p.Plugin.Name)));
            Assert.That(run.Plugins.Select(p => p.Status), Is.All.EqualTo(PluginStatus.Completed));
            Assert.That(pids.Distinct().Count(), Is.EqualTo(2));
            Assert.That((pids[0], pids[1]), Is.EqualTo((pids[2], pids[3])), "round robin over the two workers");
        });
    }
}
