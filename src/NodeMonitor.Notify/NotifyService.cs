using dotnet_etcd;
using NodeMonitor.Central;

namespace NodeMonitor.Notify;

/// <summary>
/// One <c>nodemonitor notify</c> instance: campaigns to be the sender and, for each term it wins, loads its state file
/// and runs the engine, the failure feed, the silence poller and one delivery loop per receiver until the term ends or
/// the process stops. A standby instance only campaigns.
/// </summary>
public sealed class NotifyService(EtcdClient client, string failuresPrefix, ISilenceStore silences, NotifyOptions options,
    ISenderLeadership leadership, HttpClient http, NotifyMetrics metrics, TimeProvider clock, Action<string> log)
{
    private readonly SemaphoreSlim _silencesChanged = new(0);

    /// <summary>True while this instance is the sender.</summary>
    public bool Leading { get; private set; }

    /// <summary>Asks for an early read of the silences (after the API changed one).</summary>
    public void SilencesChanged() => _silencesChanged.Release();

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            ISenderTerm term;
            try
            {
                term = await leadership.AcquireAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            await using (term)
            {
                using var running = CancellationTokenSource.CreateLinkedTokenSource(ct, term.Lost);
                Leading = true;
                try
                {
                    await RunTermAsync(term, running.Token);
                }
                catch (LeadershipLostException e)
                {
                    log(e.Message);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    log("the sender term ended; campaigning again");
                }
                catch (IOException e)
                {
                    log($"cannot write the notify state {options.StateFile}: {e.Message}; resigning and retrying in 10 s");
                    await Task.Delay(TimeSpan.FromSeconds(10), clock, ct);
                }
                finally
                {
                    Leading = false;
                }
            }
        }
    }

    private async Task RunTermAsync(ISenderTerm term, CancellationToken ct)
    {
        var outbox = new NotifyOutbox(options.StateFile, NotifyState.Load(options.StateFile), options.Receivers);
        var engine = new NotifyEngine(outbox, options.GroupWindow, options.MaxNodesPerMessage, clock, log);
        void Post(EngineInput input) => engine.Inputs.TryWrite(input);
        var feed = new EtcdFailureFeed(client, failuresPrefix, options.CallDeadline, options.Reconcile, Post, clock, log);
        var sender = new MessageSender(http);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var tasks = new List<Task>
        {
            engine.RunAsync(stop.Token),
            feed.RunAsync(stop.Token),
            PollSilencesAsync(Post, stop.Token),
        };
        tasks.AddRange(options.Receivers.Select(r =>
            new ReceiverDelivery(r, outbox, sender, options.Backoff, term.StillLeadingAsync, metrics, clock, log).RunAsync(stop.Token)));
        var first = await Task.WhenAny(tasks);
        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException) when (!first.IsFaulted)
        {
            // the others, stopping
        }
        await first; // rethrows what ended the term
        ct.ThrowIfCancellationRequested();
    }

    private async Task PollSilencesAsync(Action<EngineInput> post, CancellationToken ct)
    {
        bool failing = false;
        while (true)
        {
            try
            {
                post(new SilenceSnapshot(await silences.ListAsync(DateTime.UtcNow + options.CallDeadline, ct)));
                if (failing) log("silences readable again");
                failing = false;
            }
            catch (NodeMonitor.Core.Reporting.Central.CentralDeliveryException e)
            {
                if (!failing) log($"{e.Message}; keeping the silences last read");
                failing = true;
            }
            await _silencesChanged.WaitAsync(options.SilencePoll, ct);
        }
    }
}
