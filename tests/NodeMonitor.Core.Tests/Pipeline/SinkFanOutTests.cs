using NUnit.Framework;
using NodeMonitor.Core.Pipeline;
using NodeMonitor.Core.Tests.Support;

namespace NodeMonitor.Core.Tests.Pipeline;

public sealed class SinkFanOutTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task WhenASinkThrowsOtherSinksAreStillInvoked()
    {
        var first = new CollectingSink("first");
        var throwing = new CollectingSink("throwing", new IOException("disk full"));
        var last = new CollectingSink("last");
        var run = new RunResultBuilder(T0).Passed("disk", "Disk.HasSpace").Build();

        var errors = await new SinkFanOut([first, throwing, last]).WriteAsync(run, CancellationToken.None);

        Assert.That(first.Received.Select(r => r.Run), Is.EqualTo(new[] { run }));
        Assert.That(last.Received.Select(r => r.Run), Is.EqualTo(new[] { run }), "the sink after the throwing one still got the run");
        Assert.That(errors.Select(e => (e.Sink, e.Message)), Is.EqualTo(new[] { ("throwing", "disk full") }));
    }

    [Test]
    public async Task TheSinksAfterTheLocalStoreLearnWhetherItHoldsTheRun()
    {
        var run = new RunResultBuilder(T0).Failed("disk", "Disk.HasSpace").Build();
        var afterFailedStore = new CollectingSink("central");
        var afterStore = new CollectingSink("central");

        await new SinkFanOut([new CollectingSink(LocalStoreSink.SinkName, new IOException("full")), afterFailedStore]).WriteAsync(run, CancellationToken.None);
        await new SinkFanOut([new CollectingSink(LocalStoreSink.SinkName), afterStore]).WriteAsync(run, CancellationToken.None);

        Assert.That(afterFailedStore.Received.Single().Context.Stored, Is.False);
        Assert.That(afterFailedStore.Received.Single().Context.Errors.Select(e => e.Sink), Is.EqualTo(new[] { LocalStoreSink.SinkName }));
        Assert.That(afterStore.Received.Single().Context.Stored, Is.True);
    }
}
