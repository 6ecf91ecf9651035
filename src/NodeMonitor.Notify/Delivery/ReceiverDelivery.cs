using NodeMonitor.Core.Results;
namespace NodeMonitor.Notify;

/// <summary>
/// Sends one receiver's queue in order, for as long as notify leads: a failed attempt waits (<see cref="Backoff"/>) and
/// tries the same message again. Each receiver has its own loop, so a slow or dead receiver never delays another.
/// Before each attempt the leadership is confirmed (the fence): an instance that lost it sends nothing more.
/// </summary>
public sealed class ReceiverDelivery(Receiver receiver, NotifyOutbox outbox, MessageSender sender, Backoff backoff,
    Func<CancellationToken, Task<bool>> stillLeading, NotifyMetrics metrics, TimeProvider clock, Action<string> log)
{
    /// <exception cref="LeadershipLostException">The fence failed.</exception>
    public async Task RunAsync(CancellationToken ct)
    {
        int failed = 0;
        while (true)
        {
            var message = await outbox.NextAsync(receiver.Id, ct);
            if (!await stillLeading(ct)) throw new LeadershipLostException("the election key is no longer ours; sending stops");
            var (outcome, detail) = await sender.SendAsync(receiver, message, ct);
            if (outcome == SendOutcome.RetryLater)
            {
                failed++;
                metrics.Failed(receiver);
                var wait = backoff.After(failed);
                if (failed == 1 || failed % 10 == 0)
                    log($"{receiver.Name}: {detail}; {Plural.Of(outbox.Pending(receiver.Id), "message")} waiting, next attempt in {wait.TotalSeconds:0.#} s (attempt {failed})");
                await Task.Delay(wait, clock, ct);
                continue;
            }
            if (outcome == SendOutcome.Rejected) log($"{receiver.Name}: refused message {message.Id} ({detail}); dropped");
            else if (failed > 0) log($"{receiver.Name}: reachable again after {Plural.Of(failed, "failed attempt")}");
            failed = 0;
            outbox.Done(receiver.Id, message.Id);
            metrics.Delivered(receiver, message, clock.GetUtcNow(), outcome == SendOutcome.Delivered);
        }
    }
}

/// <summary>This instance is no longer the elected sender.</summary>
public sealed class LeadershipLostException(string message) : Exception(message);
