using NUnit.Framework;
using NodeMonitor.Core.Pipeline;
using NodeMonitor.Core.Tests.Support;

namespace NodeMonitor.Core.Tests.Pipeline;

public sealed class RunPipelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task EverySinkFailureIsCountedOnceTheLastSinkHasRun()
    {
        var counter = new CollectingCounter();
        var pipeline = new RunPipeline(
            [new CollectingSink(LocalStoreSink.SinkName), new CollectingSink("result:junit", new IOException("gone")), new CollectingSink("central", new TimeoutException("etcd"))],
            counter);

        var outcome = await pipeline.WriteAsync(new RunResultBuilder(T0).Passed("p", "T.A").Build(), CancellationToken.None);

        Assert.That(counter.Counted.Select(e => e.Sink), Is.EqualTo(new[] { "result:junit", "central" }));
        Assert.That(outcome.Stored, Is.True);
    }

    [Test]
    public async Task ARunCountsAsStoredOnlyWhenTheLocalStoreWroteIt()
    {
        var run = new RunResultBuilder(T0).Passed("p", "T.A").Build();

        var failed = await new RunPipeline([new CollectingSink(LocalStoreSink.SinkName, new IOException("full")), new CollectingSink("metrics")])
            .WriteAsync(run, CancellationToken.None);
        var missing = await new RunPipeline([new CollectingSink("metrics")]).WriteAsync(run, CancellationToken.None);

        Assert.That(failed.Stored, Is.False);
        Assert.That(missing.Stored, Is.False, "a pipeline without a store stores nothing");
    }

    [Test]
    public async Task AFailingCounterIsReportedAsAnErrorOfItsOwn()
    {
        var pipeline = new RunPipeline([new CollectingSink(LocalStoreSink.SinkName, new IOException("full"))], new ThrowingCounter());

        var outcome = await pipeline.WriteAsync(new RunResultBuilder(T0).Passed("p", "T.A").Build(), CancellationToken.None);

        Assert.That(outcome.Errors.Select(e => e.Sink), Is.EqualTo(new[] { LocalStoreSink.SinkName, "metrics" }));
    }

    private sealed class ThrowingCounter : ISinkErrorCounter
    {
        public string Name => "metrics";

        public Task CountAsync(IReadOnlyList<SinkError> errors, DateTimeOffset at, CancellationToken ct) => throw new IOException("full");
    }
}
