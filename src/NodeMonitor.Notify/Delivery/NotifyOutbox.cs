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

    public NotifyOutbox(string file, NotifyState state, IReadOnlyList<Receiver> receivers)
    {
        _file = file;
        _revision = state.Revision;
        Told = new ToldLedger(state.Told);
        // Messages of a receiver no longer configured are dropped; a new receiver starts with an empty queue.
        _queues = receivers.ToDictionary(r => r.Id, r => state.Outbox.TryGetValue(r.Id, out var q) ? q.ToList() : new List<NotifyMessage>());
        _signals = receivers.ToDictionary(r => r.Id, r => new SemaphoreSlim(0));
    }

    /// <summary>What people were told; changed only by the planner, under <see cref="Commit"/>.</summary>
    public ToldLedger Told { get; }

    public long Revision
    {
        get { lock (_gate) return _revision; }
    }

    public int Pending(string receiverId)
    {
        lock (_gate) return _queues[receiverId].Count;
    }

    /// <summary>Records the handled revision and queues <paramref name="message"/> (if any) for every receiver, in one
    /// write of the state file.</summary>
    public void Commit(long revision, NotifyMessage? message)
    {
        lock (_gate)
        {
            _revision = Math.Max(_revision, revision);
            if (message is not null)
                foreach (var queue in _queues.Values) queue.Add(message);
            Save();
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
        }
    }

    private void Save() =>
        new NotifyState(_revision, Told.Snapshot(), _queues.ToDictionary(q => q.Key, q => (IReadOnlyList<NotifyMessage>)q.Value.ToList())).Save(_file);
}
