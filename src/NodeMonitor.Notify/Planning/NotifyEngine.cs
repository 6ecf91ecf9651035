using NodeMonitor.Core.Results;
using System.Threading.Channels;
using NodeMonitor.Central;

namespace NodeMonitor.Notify;

/// <summary>
/// The single-threaded heart of notify: applies etcd's changes to a <see cref="FailureView"/>, marks the nodes they touch,
/// and when the group window that the first mark opened closes, plans the differences against what people were told
/// (<see cref="ChangePlanner"/>) and commits them as one message for every receiver. A silence that starts, ends,
/// appears or goes marks every node, as does a change of a node's labels (for silences by label). Nothing is applied
/// before the silences and the node labels have been read once, so a restart never sends what a silence covers. An event that would undo a difference not yet told (a failure that recovers within
/// the window, or in a history replayed after a restart) first plans the node as it was, so both changes are sent in
/// the window's message: no failure is lost, however short.
/// </summary>
public sealed class NotifyEngine(NotifyOutbox outbox, TimeSpan groupWindow, int maxNodesPerMessage, TimeProvider clock, Action<string> log)
{
    private readonly Channel<EngineInput> _inputs = Channel.CreateUnbounded<EngineInput>(new UnboundedChannelOptions { SingleReader = true });
    private readonly FailureView _view = new();
    private readonly Dictionary<string, DateTimeOffset> _dirty = new(StringComparer.Ordinal);
    private readonly List<EngineInput> _held = [];
    private readonly List<NodeChange> _interim = [];
    private readonly ToldLedger _told = new(outbox.Told);
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _labels = new(StringComparer.Ordinal);
    private bool _labelsRead;
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
        bool ready = _silences is not null && _labelsRead;
        switch (input)
        {
            case SilenceSnapshot silences:
                if (_silences is null || !Same(_silences, silences.Silences)) MarkAll(clock.GetUtcNow());
                _silences = silences.Silences;
                break;
            case NodeLabelsRead read:
                foreach (var (node, labels) in read.Labels)
                {
                    _labels[node] = labels;
                    Mark(node, clock.GetUtcNow());
                }
                _labelsRead = true;
                break;
            case WatchedChanges or RecordSnapshot when !ready:
                _held.Add(input);
                return;
            case WatchedChanges watched:
                ApplyChanges(watched.Changes);
                return;
            case RecordSnapshot snapshot:
                ApplySnapshot(snapshot);
                return;
        }
        if (ready || _silences is null || !_labelsRead) return;
        foreach (var held in _held) Apply(held);
        _held.Clear();
    }

    private void ApplyChanges(IReadOnlyList<RecordChange> changes)
    {
        var now = clock.GetUtcNow();
        var active = _silences!.Where(s => s.IsActiveAt(now)).ToList();
        foreach (var c in changes)
        {
            var before = _view.Get(c.Node);
            long changedAt = _view.ChangedAt(c.Node);
            bool untold = ChangePlanner.Untold(c.Node, before, active, _labels.GetValueOrDefault(c.Node), _told, now);
            bool applied = c.Json is null ? _view.Delete(c.Node, c.Revision) : _view.Put(c.Node, c.Json, c.Revision);
            if (applied && untold && !ChangePlanner.Untold(c.Node, _view.Get(c.Node), active, _labels.GetValueOrDefault(c.Node), _told, now)
                && ChangePlanner.PlanNode(c.Node, before, changedAt, active, _labels.GetValueOrDefault(c.Node), _told, now, _dirty.GetValueOrDefault(c.Node, now)) is { } interim)
                _interim.Add(interim);
            if (applied || (c.Json is null && _told.Of(c.Node).Count > 0)) Mark(c.Node, now);
        }
    }

    private void ApplySnapshot(RecordSnapshot snapshot)
    {
        var now = clock.GetUtcNow();
        var changed = _view.Replace(snapshot.Records, snapshot.Revision);
        if (snapshot.TakeAsTold)
        {
            // Another instance told people everything up to this revision: take what they know from the records.
            var active = _silences!.Where(s => s.IsActiveAt(now)).ToList();
            var told = new ToldLedger();
            foreach (string node in _view.Nodes) ChangePlanner.PlanNode(node, _view.Get(node), 0, active, _labels.GetValueOrDefault(node), told, now, now);
            _told.ReplaceWith(told);
            outbox.TakeOver(told, snapshot.Revision);
            log($"resuming at revision {snapshot.Revision}, which the previous sender had delivered: {Plural.Of(told.Count, "node")} told failing");
        }
        if (!_recordsRead)
        {
            // First read after a start: whatever differs from the ledger is to be told.
            _recordsRead = true;
            MarkAll(now);
        }
        else
            foreach (string node in changed) Mark(node, now);
    }

    private void Tick()
    {
        var now = clock.GetUtcNow();
        if (_silences is not null && NextSilenceBoundary(_lastBoundaryCheck) is { } boundary && boundary <= now) MarkAll(boundary);
        _lastBoundaryCheck = now;
        if (_windowEnd is not { } end || now < end || _silences is null || !_labelsRead || !_recordsRead) return;
        var nodes = _allDirtySince is null ? _dirty.Keys.ToList() : _view.Nodes.Concat(_told.Nodes).Concat(_dirty.Keys).ToList();
        var since = _allDirtySince;
        var changes = _interim.Concat(ChangePlanner.Plan(nodes, _view, _silences, _labels.GetValueOrDefault, _told, now,
            node => _dirty.TryGetValue(node, out var at) ? at : since ?? now)).ToList();
        _interim.Clear();
        var message = changes.Count == 0 ? null : NotifyMessage.Group(changes, maxNodesPerMessage, now);
        outbox.Commit(_view.Revision, _told, message);
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
