using Etcdserverpb;
using Google.Protobuf;
using NodeMonitor.Central.Election;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Notify;

/// <summary>
/// The notify election (<c>&lt;prefix&gt;election/notify</c>) over <see cref="EtcdElection"/>: campaigns until elected, renews
/// every third of the lease, and ends the term when a renewal finds another leader or no renewal succeeded for a whole
/// lease. The fence is a transaction on the term's create revision, so a paused former leader cannot pass it.
/// </summary>
public sealed class EtcdSenderLeadership(EtcdElection election, string value, TimeSpan callDeadline, Action<string> log) : ISenderLeadership
{
    public async Task<ISenderTerm> AcquireAsync(CancellationToken ct)
    {
        var leader = await election.CampaignAsync(value, election.LeaseTtl / 3, callDeadline, ct);
        log($"elected sender ({election.CandidateKey}, fencing token {leader.FencingToken})");
        return new Term(election, leader, value, callDeadline, log);
    }

    private sealed class Term : ISenderTerm
    {
        private readonly EtcdElection _election;
        private readonly ElectionLeader _leader;
        private readonly TimeSpan _callDeadline;
        private readonly CancellationTokenSource _lost = new();
        private readonly Task _renewal;

        public Term(EtcdElection election, ElectionLeader leader, string value, TimeSpan callDeadline, Action<string> log)
        {
            _election = election;
            _leader = leader;
            _callDeadline = callDeadline;
            _renewal = RenewAsync(value, log);
        }

        public CancellationToken Lost => _lost.Token;

        public async Task<bool> StillLeadingAsync(CancellationToken ct)
        {
            if (_lost.IsCancellationRequested) return false;
            try
            {
                if (await _election.FencedAsync(_leader, [], DateTime.UtcNow + _callDeadline, ct)) return true;
            }
            catch (CentralDeliveryException)
            {
                // Unknown: not sending is the safe answer; the renewal decides whether the term is over.
                return false;
            }
            await _lost.CancelAsync();
            return false;
        }

        public Task<bool> PublishAsync(string key, string value, CancellationToken ct) =>
            _election.FencedAsync(_leader, [new RequestOp { RequestPut = new PutRequest { Key = ByteString.CopyFromUtf8(key), Value = ByteString.CopyFromUtf8(value) } }],
                DateTime.UtcNow + _callDeadline, ct);

        public async ValueTask DisposeAsync()
        {
            bool held = !_lost.IsCancellationRequested;
            await _lost.CancelAsync();
            await _renewal;
            if (held)
            {
                try
                {
                    await _election.ResignAsync(_leader, DateTime.UtcNow + _callDeadline, CancellationToken.None);
                }
                catch (CentralDeliveryException)
                {
                    // The lease ends the term by itself.
                }
            }
            _lost.Dispose();
        }

        private async Task RenewAsync(string value, Action<string> log)
        {
            var lastRenewed = DateTime.UtcNow;
            while (!_lost.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(_election.LeaseTtl / 3, _lost.Token);
                    var standing = await _election.CampaignOnceAsync(value, DateTime.UtcNow + _callDeadline, _lost.Token);
                    if (!standing.IsLeader || standing.Leader?.CreateRevision != _leader.CreateRevision)
                    {
                        log($"no longer the sender (leader now {standing.Leader?.Candidate ?? "nobody"})");
                        await _lost.CancelAsync();
                        return;
                    }
                    lastRenewed = DateTime.UtcNow;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (CentralDeliveryException e) when (DateTime.UtcNow - lastRenewed < _election.LeaseTtl)
                {
                    log($"could not renew the sender term: {e.Message}");
                }
                catch (CentralDeliveryException e)
                {
                    log($"sender term lapsed: {e.Message}");
                    await _lost.CancelAsync();
                    return;
                }
            }
        }
    }
}
