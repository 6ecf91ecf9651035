using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Notify;

/// <summary>Reads every silence now and then and posts them to the engine (a handful of keys: a read is cheaper to
/// reason about than a second watch). A failed read keeps the last silences; the engine plans nothing until the first
/// read succeeded.</summary>
public sealed class SilencePoller(ISilenceStore silences, TimeSpan every, TimeSpan deadline, Action<EngineInput> post, TimeProvider clock, Action<string> log)
{
    /// <summary>Reads now, outside the schedule (after the API changed a silence).</summary>
    public async Task ReadNowAsync(CancellationToken ct) =>
        post(new SilenceSnapshot(await silences.ListAsync(DateTime.UtcNow + deadline, ct)));

    public async Task RunAsync(CancellationToken ct)
    {
        bool failing = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ReadNowAsync(ct);
                if (failing) log("silences readable again");
                failing = false;
            }
            catch (CentralDeliveryException e)
            {
                if (!failing) log($"{e.Message}; keeping the silences last read");
                failing = true;
            }
            await Task.Delay(every, clock, ct);
        }
    }
}
