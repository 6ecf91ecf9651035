using NodeMonitor.Core.Listening;
using NodeMonitor.Core.Results;
using NodeMonitor.Execution.Tests.Support;

namespace NodeMonitor.Execution.Tests;

[Category("Integration")]
public sealed class WorkerLocationTests
{
    [Test]
    public async Task WorkerDllIsRunThroughTheDotnetHost()
    {
        var runner = new PluginRunner(Path.Combine(TestContext.CurrentContext.TestDirectory, "nodemonitor-worker.dll"));
        var result = await runner.RunAsync(FixturePlugins.Plan("Nunit4"), _ => { }, CancellationToken.None);
        Assert.That((result.Status, result.Counts.Passed), Is.EqualTo((PluginStatus.Completed, 1)));
    }

    [Test]
    public async Task MissingWorkerIsAPluginErrorNotAnException()
    {
        var runner = new PluginRunner("/nonexistent/nodemonitor-worker");
        var events = new List<RunEvent>();
        var result = await runner.RunAsync(FixturePlugins.Plan("Nunit4"), events.Add, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(PluginStatus.Crashed));
            Assert.That(result.Error, Does.StartWith("could not start the worker (/nonexistent/nodemonitor-worker)"));
            Assert.That(events.Select(e => e.GetType()), Is.EqualTo(new[] { typeof(PluginStarted), typeof(PluginFinished) }));
        });
    }
}
