using NodeMonitor.Core.Tests.Support;

namespace NodeMonitor.Notify.Tests;

/// <summary>The revision the outbox calls delivered, which the sender publishes for a successor to resume from: only
/// a revision whose every message every receiver has taken.</summary>
public sealed class NotifyOutboxTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly Receiver _a = new(ReceiverKind.Webhook, "http://127.0.0.1:1/a", null);
    private readonly Receiver _b = new(ReceiverKind.Webhook, "http://127.0.0.1:1/b", null);

    [Test]
    public void ARevisionIsDeliveredOnlyOnceEveryReceiverHasTakenItsMessages()
    {
        using var dir = new TemporaryDirectory();
        var outbox = new NotifyOutbox(dir.Combine("state.json"), NotifyState.Empty with { Revision = 10 }, [_a, _b]);
        Assert.That(outbox.Delivered, Is.EqualTo(10));
        var message = Message("web1", 12);
        outbox.Commit(12, new ToldLedger(), message);
        Assert.That(outbox.Delivered, Is.EqualTo(10), "queued, not delivered");
        outbox.Done(_a.Id, message.Id);
        Assert.That(outbox.Delivered, Is.EqualTo(10), "one receiver still waits");
        outbox.Done(_b.Id, message.Id);
        Assert.That(outbox.Delivered, Is.EqualTo(12));
    }

    [Test]
    public void AStateFileWithMessagesStillQueuedClaimsNothingDelivered()
    {
        using var dir = new TemporaryDirectory();
        string file = dir.Combine("state.json");
        var message = Message("web1", 7);
        new NotifyState(7, new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, IReadOnlyList<NotifyMessage>> { [_a.Id] = [message] }).Save(file);
        var outbox = new NotifyOutbox(file, NotifyState.Load(file), [_a]);
        Assert.That(outbox.Delivered, Is.Zero);
        outbox.Done(_a.Id, message.Id);
        Assert.That(outbox.Delivered, Is.EqualTo(7));
    }

    private static NotifyMessage Message(string node, long revision) =>
        NotifyMessage.Group([new NodeChange(ChangeKind.Failing, node, ["disk: A"], ["disk: A"], [], 0, revision, null, Now)], 10, Now);
}
