using dotnet_etcd;
using Microsoft.Extensions.Time.Testing;
using NodeMonitor.Core.Tests.Support;
using NodeMonitor.Notify.Tests.Support;

namespace NodeMonitor.Notify.Tests;

/// <summary>A receiver down for ten minutes, on an injected clock (the outage passes in seconds): everything reaches
/// it afterwards, in order and once, and the healthy receiver beside it is never held up.</summary>
[Category("Integration")]
public sealed class ReceiverOutageTests
{
    [Test]
    public async Task AReceiverDownTenMinutesGetsEverythingAfterwardsWhileTheOtherGetsItAtOnce()
    {
        using var dir = new TemporaryDirectory();
        using var down = new RecordingReceiver { Down = true };
        using var healthy = new RecordingReceiver();
        string prefix = RealEtcd.NewPrefix();
        using var etcd = RealEtcd.Client(prefix);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var notify = new NotifyInstance(prefix, dir.Combine("state.json"),
            [new Receiver(ReceiverKind.Webhook, down.Url, null), new Receiver(ReceiverKind.Webhook, healthy.Url, null)],
            groupWindow: TimeSpan.FromSeconds(30), backoff: new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)), clock: clock).Start();
        await Records.EventuallyAsync(() => notify.Service.Leading, TimeSpan.FromSeconds(20), "elected");

        for (int minute = 0; minute < 10; minute++)
        {
            await Records.FailAsync(etcd, prefix, $"node{minute}", "disk: Root.HasSpace");
            await Task.Delay(300); // the watch delivers in real time
            await PassAsync(clock, TimeSpan.FromMinutes(1));
            int expected = minute + 1;
            await Records.EventuallyAsync(() => healthy.Changes.Count == expected, TimeSpan.FromSeconds(10),
                $"the healthy receiver told of node{minute} within its minute");
        }
        Assert.That(down.Accepted, Is.Empty);
        int attemptsDuringOutage = down.Attempts;

        down.Down = false;
        for (int i = 0; i < 30 && down.Changes.Count < 10; i++) await PassAsync(clock, TimeSpan.FromSeconds(10));
        Assert.That(down.Changes.Select(c => c.Node), Is.EqualTo(Enumerable.Range(0, 10).Select(i => $"node{i}")), "all of them, in order, once");
        Assert.That(down.Accepted.Select(m => m.IdempotencyKey), Is.EqualTo(healthy.Accepted.Select(m => m.IdempotencyKey)), "the same messages");
        Assert.That(attemptsDuringOutage, Is.InRange(10, 40), "retried through the outage, backing off to one attempt a minute");
        TestContext.Out.WriteLine($"attempts during the 10-minute outage: {attemptsDuringOutage}; lag max {notify.Metrics.Lags.Max().TotalSeconds:0} s (injected clock)");
    }

    /// <summary>Moves the injected clock on in 5-second steps, giving the loops real time to act between steps.</summary>
    private static async Task PassAsync(FakeTimeProvider clock, TimeSpan time)
    {
        for (var passed = TimeSpan.Zero; passed < time; passed += TimeSpan.FromSeconds(5))
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(20);
        }
    }
}
