using Etcdserverpb;
using Google.Protobuf;
using NodeMonitor.Central.Election;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Notify;

/// <summary>
/// The notify election (<c>&lt;prefix&gt;election/notify</c>) over <see cref="EtcdElection"/>: campaigns until elected and
/// renews every third of the lease. Only etcd's own answer ends a term: a renewal or a fence that finds another leader,
/// or the term's key gone. A call etcd does not answer (its leader being elected again, quorum lost, a member killed)
/// changes nothing: the renewal tries again every <see cref="RetryInterval"/> on whichever member answers, and the fence
/// waits for an answer before anything is sent. etcd keeps the term's lease alive through its own leader election (the
/// new leader extends every lease), so a term rides through a leader change and a short loss of quorum; a term that
/// really lapsed (its lease ran out while etcd could not be reached) is found by the first renewal that reaches etcd.
/// The fence is a transaction on the term's create revision, so a paused former leader cannot pass it.
/// </summary>
public sealed class EtcdSenderLeadership(EtcdElection election, string value, TimeSpan callDeadline, Action<string> log) : ISenderLeadership
{
    /// <summary>How soon a renewal or a fence that etcd did not answer is tried again.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

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
        private readonly Action<string> _log;
        private readonly CancellationTokenSource _lost = new();
        private readonly Task _renewal;
        private int _unanswered;

        public Term(EtcdElection election, ElectionLeader leader, string value, TimeSpan callDeadline, Action<string> log)
        {
            _election = election;
            _leader = leader;
            _callDeadline = callDeadline;
            _log = log;
            _renewal = RenewAsync(value);
        }

        public CancellationToken Lost => _lost.Token;

        public async Task<bool> StillLeadingAsync(CancellationToken ct)
        {
            while (!_lost.IsCancellationRequested)
            {
                try
                {
                    if (await _election.FencedAsync(_leader, [], DateTime.UtcNow + _callDeadline, ct))
                    {
                        Answered("the fence");
                        return true;
                    }
                    End("the fence found the election key no longer ours");
                    return false;
                }
                catch (CentralDeliveryException e)
                {
                    // Unknown: nothing is sent until etcd answers, and the term is not given up for it.
                    Unanswered("the fence", e);
                }
                await Task.Delay(RetryInterval, ct);
            }
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

        private async Task RenewAsync(string value)
        {
            var wait = _election.LeaseTtl / 3;
            while (!_lost.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(wait, _lost.Token);
                    var standing = await _election.CampaignOnceAsync(value, DateTime.UtcNow + _callDeadline, _lost.Token);
                    if (!standing.IsLeader || standing.Leader?.CreateRevision != _leader.CreateRevision)
                    {
                        End($"no longer the sender (leader now {standing.Leader?.Candidate ?? "nobody"}, " +
                            $"fencing token {standing.Leader?.FencingToken.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})");
                        return;
                    }
                    Answered("the renewal");
                    wait = _election.LeaseTtl / 3;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (CentralDeliveryException e)
                {
                    Unanswered("the renewal", e);
                    wait = RetryInterval;
                }
            }
        }

        private void End(string why)
        {
            if (_lost.IsCancellationRequested) return;
            _log(why);
            _lost.Cancel();
        }

        // One line when etcd stops answering, one every 30 unanswered calls, one when it answers again.
        private void Unanswered(string what, CentralDeliveryException e)
        {
            int count = Interlocked.Increment(ref _unanswered);
            if (count == 1 || count % 30 == 0)
                _log($"{what} got no answer ({e.Message}); still the sender, trying again in {RetryInterval.TotalSeconds:0} s (attempt {count})");
        }

        private void Answered(string what)
        {
            int count = Interlocked.Exchange(ref _unanswered, 0);
            if (count > 0) _log($"etcd answered {what} again after {count} unanswered calls: still the sender (fencing token {_leader.FencingToken})");
        }
    }
}
