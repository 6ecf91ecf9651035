using dotnet_etcd;
using NodeMonitor.Central;

namespace NodeMonitor.Notify;

/// <summary>
/// One <c>nodemonitor notify</c> instance: campaigns to be the sender and, for each term it wins, loads its state file
/// and runs the engine, the failure feed, the silence poller and one delivery loop per receiver until the term ends or
/// the process stops. A standby instance only campaigns. The sender publishes (fenced) the last revision every receiver
/// has taken at <see cref="DeliveredKey"/>; a new sender whose own state is older resumes from there instead, so a
/// takeover repeats what was sent since that revision rather than missing it.
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

    /// <summary>Where the sender publishes the revision delivered: <c>&lt;prefix&gt;notify/delivered</c>.</summary>
    public static string DeliveredKey(string failuresPrefix) => Root(failuresPrefix) + "notify/delivered";

    private static string Root(string failuresPrefix) =>
        failuresPrefix.EndsWith("failures/", StringComparison.Ordinal) ? failuresPrefix[..^"failures/".Length] : failuresPrefix;

    private async Task RunTermAsync(ISenderTerm term, CancellationToken ct)
    {
        var state = NotifyState.Load(options.StateFile);
        long published = await PublishedAsync(ct);
        bool takeOver = published > state.Revision;
        if (takeOver) log($"the previous sender delivered up to revision {published}, this instance's state only to {state.Revision}: resuming from {published}");
        var outbox = new NotifyOutbox(options.StateFile, state, options.Receivers);
        var engine = new NotifyEngine(outbox, options.GroupWindow, options.MaxNodesPerMessage, clock, log);
        void Post(EngineInput input) => engine.Inputs.TryWrite(input);
        var feed = new EtcdFailureFeed(client, failuresPrefix, options.CallDeadline, options.Reconcile,
            takeOver ? published : state.Revision, takeOver, Post, clock, log);
        var sender = new MessageSender(http);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var tasks = new List<Task>
        {
            engine.RunAsync(stop.Token),
            feed.RunAsync(stop.Token),
            new EtcdLabelFeed(client, Root(failuresPrefix) + "nodes/", options.CallDeadline, options.Reconcile, Post, clock, log).RunAsync(stop.Token),
            PollSilencesAsync(Post, stop.Token),
            PublishDeliveredAsync(outbox, term, stop.Token),
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

    private async Task<long> PublishedAsync(CancellationToken ct)
    {
        try
        {
            var response = await client.GetAsync(DeliveredKey(failuresPrefix), deadline: DateTime.UtcNow + options.CallDeadline, cancellationToken: ct);
            return response.Kvs.Count == 1 && long.TryParse(response.Kvs[0].Value.ToStringUtf8(), out long revision) ? revision : 0;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log($"{NodeMonitor.Etcd.EtcdConnection.Failure("read the revision the previous sender delivered", e).Message}; resuming from this instance's own state");
            return 0;
        }
    }

    private async Task PublishDeliveredAsync(NotifyOutbox outbox, ISenderTerm term, CancellationToken ct)
    {
        long published = 0;
        bool failing = false;
        while (true)
        {
            long delivered = outbox.Delivered;
            if (delivered > published)
            {
                try
                {
                    if (!await term.PublishAsync(DeliveredKey(failuresPrefix), delivered.ToString(System.Globalization.CultureInfo.InvariantCulture), ct))
                        throw new LeadershipLostException("the election key is no longer ours; sending stops");
                    published = delivered;
                    if (failing) log("the delivered revision is published again");
                    failing = false;
                }
                catch (NodeMonitor.Core.Reporting.Central.CentralDeliveryException e)
                {
                    // Said once per outage, not at every retry: through a loss of quorum that is a line every few seconds.
                    if (!failing) log($"{e.Message}; publishing the delivered revision later");
                    failing = true;
                    await Task.Delay(options.SilencePoll, clock, ct);
                    continue;
                }
            }
            await outbox.DeliveredChanged.WaitAsync(ct);
        }
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
