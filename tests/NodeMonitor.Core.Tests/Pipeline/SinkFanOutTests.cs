using NUnit.Framework;
using NodeMonitor.Core.Pipeline;
using NodeMonitor.Core.Results;
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

    [Test]
    public async Task AnIndependentSinkIsWrittenWhileTheStoreIsAndTheSinksAfterItSeeItsFailure()
    {
        var run = new RunResultBuilder(T0).Passed("disk", "Disk.HasSpace").Build();
        var resultFile = new GateSink("result:nunit3", new IOException("no space for the result file"));
        // The store finishes only once the result file has started: written one after the other, this would never end.
        var store = new WaitingSink(LocalStoreSink.SinkName, resultFile.Started.Task);
        var central = new CollectingSink("central");

        var errors = await new SinkFanOut([store, new CollectingSink("metrics"), resultFile, central]).WriteAsync(run, CancellationToken.None)
            .WaitAsync(TimeSpan.FromMinutes(1));

        Assert.That(central.Received.Single().Context.Stored, Is.True);
        Assert.That(central.Received.Single().Context.Errors.Select(e => e.Sink), Is.EqualTo(new[] { "result:nunit3" }));
        Assert.That(errors.Select(e => e.Sink), Is.EqualTo(new[] { "result:nunit3" }));
    }

    [Test]
    public async Task FailuresAreReportedInTheSinksOrderWhicheverFinishedFirst()
    {
        var run = new RunResultBuilder(T0).Passed("disk", "Disk.HasSpace").Build();
        var resultFile = new GateSink("result:junit", new IOException("read-only"));
        var store = new WaitingSink(LocalStoreSink.SinkName, resultFile.Started.Task, new IOException("disk full"));

        var errors = await new SinkFanOut([store, resultFile]).WriteAsync(run, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.That(errors.Select(e => e.Sink), Is.EqualTo(new[] { LocalStoreSink.SinkName, "result:junit" }));
    }

    [Test]
    public async Task ACancelledRunReturnsOnlyOnceTheSinksStartedEarlyHaveEnded()
    {
        var run = new RunResultBuilder(T0).Passed("disk", "Disk.HasSpace").Build();
        using var cts = new CancellationTokenSource();
        var resultFile = new SlowIndependentSink("result:nunit3");
        // The store is cancelled while the result file is still being written beside it.
        var store = new CancelledSink(LocalStoreSink.SinkName, resultFile.Started.Task, cts);

        var write = new SinkFanOut([store, resultFile]).WriteAsync(run, cts.Token);

        Assert.That(async () => await write.WaitAsync(TimeSpan.FromMinutes(1)), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(resultFile.Ended, Is.True, "the result file's write had ended when the cancellation reached the caller");
    }

    /// <summary>An independent sink that says when it started, then fails.</summary>
    private sealed class GateSink(string name, Exception failure) : IIndependentSink
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => name;

        public Task WriteAsync(RunResult run, SinkContext context, CancellationToken ct)
        {
            Started.SetResult();
            throw failure;
        }
    }

    /// <summary>An ordinary sink that finishes once <paramref name="until"/> has.</summary>
    private sealed class WaitingSink(string name, Task until, Exception? failure = null) : IResultSink
    {
        public string Name => name;

        public async Task WriteAsync(RunResult run, SinkContext context, CancellationToken ct)
        {
            await until;
            if (failure is not null) throw failure;
        }
    }

    /// <summary>An independent sink that says when it started and ends a moment after its token is cancelled.</summary>
    private sealed class SlowIndependentSink(string name) : IIndependentSink
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private volatile bool _ended;

        public bool Ended => _ended;

        public string Name => name;

        public async Task WriteAsync(RunResult run, SinkContext context, CancellationToken ct)
        {
            Started.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            finally
            {
                await Task.Delay(200, CancellationToken.None); // finishing a temporary file and removing it
                _ended = true;
            }
        }
    }

    /// <summary>An ordinary sink that, once <paramref name="after"/> has started, cancels the run and throws its cancellation.</summary>
    private sealed class CancelledSink(string name, Task after, CancellationTokenSource cancel) : IResultSink
    {
        public string Name => name;

        public async Task WriteAsync(RunResult run, SinkContext context, CancellationToken ct)
        {
            await after;
            await cancel.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }
    }
}
