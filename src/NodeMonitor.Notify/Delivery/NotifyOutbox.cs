namespace NodeMonitor.Notify;

/// <summary>
/// The one owner of <see cref="NotifyState"/> while notify sends: each receiver's queue of messages, what people were
/// told, and the handled revision. Every change is saved to the state file before it is acted on, so a message is
/// queued for every receiver in the same write that records its changes as told (at-least-once, no gap), and leaves a
/// queue only once delivered.
/// </summary>
public sealed class NotifyOutbox
{
    private readonly object _gate = new();
    private readonly string _file;
    private readonly Dictionary<string, List<NotifyMessage>> _queues;
    private readonly Dictionary<string, SemaphoreSlim> _signals;
    private long _revision;
    private long _delivered;
    private IReadOnlyDictionary<string, IReadOnlyList<string>> _told;

    public NotifyOutbox(string file, NotifyState state, IReadOnlyList<Receiver> receivers)
    {
        _file = file;
        _revision = state.Revision;
        _told = state.Told;
        // Messages of a receiver no longer configured are dropped; a new receiver starts with an empty queue.
        _queues = receivers.ToDictionary(r => r.Id, r => state.Outbox.TryGetValue(r.Id, out var q) ? q.ToList() : new List<NotifyMessage>());
        // With messages still queued, what was delivered is not known until they are.
        _delivered = _queues.Values.All(q => q.Count == 0) ? state.Revision : 0;
        _signals = receivers.ToDictionary(r => r.Id, r => new SemaphoreSlim(0));
    }

    /// <summary>What people were told as last committed (the engine plans on a copy of its own and commits it whole,
    /// so the file never holds a ledger ahead of its revision).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Told
    {
        get { lock (_gate) return _told; }
    }

    public long Revision
    {
        get { lock (_gate) return _revision; }
    }

    /// <summary>The last revision whose every message every receiver has taken; <see cref="DeliveredChanged"/> is released
    /// whenever it moves (a successor resumes from the one published).</summary>
    public long Delivered
    {
        get { lock (_gate) return _delivered; }
    }

    public SemaphoreSlim DeliveredChanged { get; } = new(0);

    public int Pending(string receiverId)
    {
        lock (_gate) return _queues[receiverId].Count;
    }

    /// <summary>Records the handled revision, what people now know, and queues <paramref name="message"/> (if any) for
    /// every receiver, in one write of the state file.</summary>
    public void Commit(long revision, ToldLedger told, NotifyMessage? message)
    {
        var snapshot = told.Snapshot();
        lock (_gate)
        {
            _revision = Math.Max(_revision, revision);
            _told = snapshot;
            if (message is not null)
                foreach (var queue in _queues.Values) queue.Add(message);
            Save();
            NoteDelivered();
        }
        if (message is not null)
            foreach (var signal in _signals.Values) signal.Release();
    }

    /// <summary>The oldest undelivered message of a receiver, waiting for one when there is none.</summary>
    public async Task<NotifyMessage> NextAsync(string receiverId, CancellationToken ct)
    {
        while (true)
        {
            lock (_gate)
                if (_queues[receiverId].Count > 0) return _queues[receiverId][0];
            await _signals[receiverId].WaitAsync(ct);
        }
    }

    /// <summary>Takes a delivered (or refused) message off its receiver's queue.</summary>
    public void Done(string receiverId, string messageId)
    {
        lock (_gate)
        {
            var queue = _queues[receiverId];
            int index = queue.FindIndex(m => m.Id == messageId);
            if (index < 0) return;
            queue.RemoveAt(index);
            Save();
            NoteDelivered();
        }
    }

    /// <summary>Takes what another sender told people, up to <paramref name="revision"/>; queues of an older term are
    /// dropped (that sender resumed from before them and sent their changes).</summary>
    public void TakeOver(ToldLedger told, long revision)
    {
        lock (_gate)
        {
            _told = told.Snapshot();
            _revision = revision;
            foreach (var queue in _queues.Values) queue.Clear();
            Save();
            NoteDelivered();
        }
    }

    private void NoteDelivered()
    {
        if (_delivered == _revision || _queues.Values.Any(q => q.Count > 0)) return;
        _delivered = _revision;
        if (DeliveredChanged.CurrentCount == 0) DeliveredChanged.Release();
    }

    private void Save() =>
        new NotifyState(_revision, _told, _queues.ToDictionary(q => q.Key, q => (IReadOnlyList<NotifyMessage>)q.Value.ToList())).Save(_file);
}
