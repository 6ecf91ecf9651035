using NodeMonitor.Execution.Tests.Support;

namespace NodeMonitor.Execution.Tests;

/// <summary>Tests that run in parallel inside a plugin each get exactly their own result.</summary>
[Category("Integration")]
public sealed class ParallelResultsTests
{
    [Test]
    public async Task EveryParallelTestIsReportedOnceUnderItsOwnName()
    {
        // The Fidelity fixture runs fixtures and cases in parallel (LevelOfParallelism 3); a result reported twice or
        // lost shows up as a duplicate name or a started test without a result. Several runs, because a race is rare.
        var runner = new PluginRunner();
        for (int run = 0; run < 4; run++)
        {
            var events = new List<Core.Listening.RunEvent>();
            var result = await runner.RunAsync(FixturePlugins.Plan("Fidelity", assembly: "Fixtures.Fidelity.dll"), events.Add, CancellationToken.None);
            var names = result.Tests.Select(t => t.FullName).ToList();
            var started = events.OfType<Core.Listening.TestStarted>().Select(s => s.FullName).ToHashSet();

            Assert.That(names, Is.Unique, $"run {run}");
            Assert.That(started.Except(names), Is.Empty, $"run {run}: started but never finished");
        }
    }
}
