using NodeMonitor.Core.Discovery;
using NodeMonitor.Core.Listening;
using NodeMonitor.Core.Results;
using NodeMonitor.Execution.Tests.Support;

namespace NodeMonitor.Execution.Tests;

[Category("Integration")]
public sealed class RunCoordinatorTests
{
    private static readonly string[] Fixtures = ["Mixed", "CrashExit", "Nunit4", "Nunit5", "TeardownFailure", "NotATest"];

    private static RunPlan Plan(params string[] fixtures) => new(fixtures.Select(f => FixturePlugins.Plan(f)).ToList());

    [Test]
    public async Task ParallelPluginsKeepTheirOwnResultsInPlanOrder()
    {
        var listener = new CollectingListener();
        var run = await new RunCoordinator(new PluginRunner(), 3).RunAsync(Plan(Fixtures), "node-1", listener, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(run.Node, Is.EqualTo("node-1"));
            Assert.That(run.Plugins.Select(p => p.Name), Is.EqualTo(Fixtures.Select(f => f.ToLowerInvariant())));
            foreach (var plugin in run.Plugins)
                Assert.That(plugin.Tests.Select(t => t.Plugin), Is.All.EqualTo(plugin.Name), plugin.Name);
            Assert.That(run.Plugins.Select(p => p.Status), Is.EqualTo(new[]
            {
                PluginStatus.Completed, PluginStatus.Crashed, PluginStatus.Completed, PluginStatus.Completed,
                PluginStatus.Completed, PluginStatus.LoadFailed,
            }));
            Assert.That(run.Plugins[0].Counts.Total, Is.EqualTo(12));
        });
    }

    [Test]
    public async Task ListenerIsCalledOneEventAtATimeFromRunStartedToRunFinished()
    {
        var listener = new CollectingListener();
        var run = await new RunCoordinator(new PluginRunner(), 4).RunAsync(Plan(Fixtures), "node-1", listener, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(listener.SawConcurrentCalls, Is.False);
            Assert.That(listener.Events[0], Is.TypeOf<RunStarted>());
            Assert.That(((RunStarted)listener.Events[0]).RunId, Is.EqualTo(run.RunId));
            Assert.That(listener.Events[^1], Is.TypeOf<RunFinished>().And.Property("Result").EqualTo(run));
            Assert.That(listener.Events.OfType<PluginFinished>().Count(), Is.EqualTo(Fixtures.Length));
            Assert.That(listener.Events.OfType<TestFinished>().Count(), Is.EqualTo(run.Counts.Total));
        });
    }

    [Test]
    public async Task EventsOfOnePluginKeepTheirOrderWhenPluginsInterleave()
    {
        var listener = new CollectingListener();
        await new RunCoordinator(new PluginRunner(), 4).RunAsync(Plan(Fixtures), "node-1", listener, CancellationToken.None);
        foreach (string plugin in Fixtures.Select(f => f.ToLowerInvariant()))
        {
            var own = listener.Events.Where(e => PluginOf(e) == plugin).ToList();
            Assert.That(own[0], Is.TypeOf<PluginStarted>(), plugin);
            Assert.That(own[^1], Is.TypeOf<PluginFinished>(), plugin);
        }
    }

    [Test]
    public async Task ThrowingListenerIsDetachedAndTheRunGoesOn()
    {
        var listener = new ThrowingListener();
        var errors = new StringWriter();
        var saved = Console.Error;
        Console.SetError(errors);
        RunResult run;
        try
        {
            run = await new RunCoordinator(new PluginRunner(), 2).RunAsync(Plan("Nunit4", "Nunit5"), "node-1", listener, CancellationToken.None);
        }
        finally
        {
            Console.SetError(saved);
        }
        Assert.Multiple(() =>
        {
            Assert.That(listener.Calls, Is.EqualTo(1));
            Assert.That(run.Plugins.Select(p => p.Status), Is.All.EqualTo(PluginStatus.Completed));
            Assert.That(errors.ToString(), Does.Contain("ThrowingListener threw InvalidOperationException on RunStarted: listener broke"));
            Assert.That(errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public async Task CancellationStopsTheRunAndReturnsWhatFinished()
    {
        using var cts = new CancellationTokenSource();
        var listener = new CancellingListener(cts);
        var plan = Plan("Nunit4", "Hang", "Nunit5");
        var run = await new RunCoordinator(new PluginRunner(), 1).RunAsync(plan, "node-1", listener, cts.Token);
        Assert.Multiple(() =>
        {
            Assert.That(run.Plugins.Select(p => p.Name), Is.EqualTo(new[] { "nunit4", "hang" }), "nunit5 never started");
            Assert.That(run.Plugins[0].Status, Is.EqualTo(PluginStatus.Completed));
            Assert.That(run.Plugins[1].Error, Does.StartWith("cancelled"));
            Assert.That(listener.SawRunFinished, Is.True);
        });
    }

    [Test]
    public void ParallelismBelowOneIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new RunCoordinator(new PluginRunner(), 0));

    private static string? PluginOf(RunEvent e) => e switch
    {
        PluginStarted s => s.Plugin,
        TestStarted s => s.Plugin,
        TestProgress p => p.Plugin,
        TestFinished f => f.Result.Plugin,
        PluginFinished f => f.Result.Name,
        _ => null,
    };

    /// <summary>Presses Ctrl-C as soon as the hanging test starts.</summary>
    private sealed class CancellingListener(CancellationTokenSource cts) : IRunListener
    {
        public bool SawRunFinished { get; private set; }

        public void OnEvent(RunEvent runEvent)
        {
            if (runEvent is TestStarted { FullName: "Fixtures.Hang.HangChecks.SleepsForever" }) cts.Cancel();
            if (runEvent is RunFinished) SawRunFinished = true;
        }
    }
}
