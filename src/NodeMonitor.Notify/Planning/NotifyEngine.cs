using NodeMonitor.Core.Results;
using System.Threading.Channels;
using NodeMonitor.Central;

namespace NodeMonitor.Notify;

/// <summary>
/// The single-threaded heart of notify: applies etcd's changes to a <see cref="FailureView"/>, marks the nodes they touch,
/// and when the group window that the first mark opened closes, plans the differences against what people were told
/// (<see cref="ChangePlanner"/>) and commits them as one message for every receiver. A silence that starts, ends,
/// appears or goes marks every node. Nothing is planned before both the records and the silences have been read once,
/// so a restart never sends what a silence covers.
/// </summary>
public sealed class NotifyEngine(NotifyOutbox outbox, TimeSpan groupWindow, int maxNodesPerMessage, TimeProvider clock, Action<string> log)
{
    private readonly Channel<EngineInput> _inputs = Channel.CreateUnbounded<EngineInput>(new UnboundedChannelOptions { SingleReader = true });
    private readonly FailureView _view = new();
    private readonly Dictionary<string, DateTimeOffset> _dirty = new(StringComparer.Ordinal);
    private IReadOnlyList<Silence>? _silences;
    private bool _recordsRead;
    private DateTimeOffset? _allDirtySince;
    private DateTimeOffset? _windowEnd;

    /// <summary>Where the feeds post; never blocks.</summary>
    public ChannelWriter<EngineInput> Inputs => _inputs.Writer;

    /// <summary>The records as last seen (for a harness; read it only while the engine is stopped).</summary>
    public FailureView View => _view;

    /// <summary>Messages committed so far.</summary>
    public int MessagesCommitted { get; private set; }

    /// <summary>Inputs taken from <see cref="Inputs"/> and applied so far (a harness waits on it before moving a clock).</summary>
    public long InputsApplied => Interlocked.Read(ref _applied);

    private long _applied;

    public async Task RunAsync(CancellationToken ct)
    {
        while (true)
        {
            var wait = NextDeadline() is { } due ? Max(due - clock.GetUtcNow(), TimeSpan.Zero) : Timeout.InfiniteTimeSpan;
            // The timer runs on the injected clock, so a test can pass a whole window (or a silence's end) at once.
            using (var timer = wait == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(wait, clock))
            using (var either = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token))
            {
                try
                {
                    await _inputs.Reader.WaitToReadAsync(either.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // the window closed or a silence boundary passed
                }
            }
            while (_inputs.Reader.TryRead(out var input))
            {
                Apply(input);
                Interlocked.Increment(ref _applied);
            }
            Tick();
        }
    }

    private void Apply(EngineInput input)
    {
        var now = clock.GetUtcNow();
        switch (input)
        {
            case WatchedChanges watched:
                foreach (var c in watched.Changes)
                    if (c.Json is null ? _view.Delete(c.Node, c.Revision) | outbox.Told.Of(c.Node).Count > 0 : _view.Put(c.Node, c.Json, c.Revision))
                        Mark(c.Node, now);
                break;
            case RecordSnapshot snapshot:
                var changed = _view.Replace(snapshot.Records, snapshot.Revision);
                if (!_recordsRead)
                {
                    // First read after a start: whatever differs from the ledger is to be told.
                    _recordsRead = true;
                    MarkAll(now);
                }
                else
                    foreach (string node in changed) Mark(node, now);
                break;
            case SilenceSnapshot silences:
                if (_silences is null || !Same(_silences, silences.Silences)) MarkAll(now);
                _silences = silences.Silences;
                break;
        }
    }

    private void Tick()
    {
        var now = clock.GetUtcNow();
        if (_silences is not null && NextSilenceBoundary(_lastBoundaryCheck) is { } boundary && boundary <= now) MarkAll(boundary);
        _lastBoundaryCheck = now;
        if (_windowEnd is not { } end || now < end || _silences is null || !_recordsRead) return;
        var nodes = _allDirtySince is null ? _dirty.Keys.ToList() : _view.Nodes.Concat(outbox.Told.Nodes).Concat(_dirty.Keys).ToList();
        var since = _allDirtySince;
        var changes = ChangePlanner.Plan(nodes, _view, _silences, outbox.Told, now,
            node => _dirty.TryGetValue(node, out var at) ? at : since ?? now);
        var message = changes.Count == 0 ? null : NotifyMessage.Group(changes, maxNodesPerMessage, now);
        outbox.Commit(_view.Revision, message);
        if (message is not null)
        {
            MessagesCommitted++;
            log($"{Plural.Of(message.Counts.Total, "change")} in message {message.Id}: {message.Text.Split('\n')[0]}");
        }
        _dirty.Clear();
        _allDirtySince = null;
        _windowEnd = null;
    }

    private DateTimeOffset _lastBoundaryCheck = DateTimeOffset.MinValue;

    private void Mark(string node, DateTimeOffset now)
    {
        _dirty.TryAdd(node, now);
        _windowEnd ??= now + groupWindow;
    }

    private void MarkAll(DateTimeOffset now)
    {
        _allDirtySince ??= now;
        _windowEnd ??= now + groupWindow;
    }

    /// <summary>The first start or end of a silence after <paramref name="after"/>.</summary>
    private DateTimeOffset? NextSilenceBoundary(DateTimeOffset after) =>
        _silences!.SelectMany(s => new[] { s.StartsAt, s.EndsAt }).Where(t => t > after).Order().Cast<DateTimeOffset?>().FirstOrDefault();

    private DateTimeOffset? NextDeadline()
    {
        var boundary = _silences is null ? null : NextSilenceBoundary(clock.GetUtcNow());
        return _windowEnd is { } w && (boundary is null || w < boundary) ? w : boundary;
    }

    private static bool Same(IReadOnlyList<Silence> a, IReadOnlyList<Silence> b) =>
        a.Select(s => s.ToJson()).Order(StringComparer.Ordinal).SequenceEqual(b.Select(s => s.ToJson()).Order(StringComparer.Ordinal), StringComparer.Ordinal);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
