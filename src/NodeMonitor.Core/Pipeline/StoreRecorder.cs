using NodeMonitor.Core.Listening;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Security;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Core.Pipeline;

/// <summary>
/// Listens to a run and writes it into the local store while it runs (<see cref="RunRecording"/>), on a thread of its
/// own, so the store's work overlaps the workers' instead of following them; <see cref="LocalStoreSink"/> then only
/// completes it. Events are taken in batches: the protocol thread that delivers them only appends to a list, and this
/// thread wakes for a full batch or after <see cref="MaxDelay"/>, not once per test. Each test is redacted as the run
/// will be. When the recording fails (the store refuses it, corrupt, full) it is dropped at once, releasing the store, and
/// <see cref="TryComplete"/> says false: the sink then writes the finished run as before, with the errors and the
/// quarantine that path has. Events before <see cref="Start"/> (the store opens while the first workers start) wait.
/// </summary>
public sealed class StoreRecorder(SecretRedactor redactor) : IRunListener, IDisposable
{
    private const int BatchSize = 256;
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(50);

    private readonly object _gate = new();
    private List<RunEvent> _pending = new(BatchSize);
    private bool _consumerWaiting;
    private bool _inputEnded;
    private bool _dropped;
    private Thread? _thread;
    private LocalStore? _store;
    private RunRecording? _recording;

    /// <summary>Why the recording was dropped, when it was (for diagnostics; the sink's fallback says it to people).</summary>
    public Exception? Failure { get; private set; }

    public void OnEvent(RunEvent runEvent)
    {
        if (runEvent is not (RunStarted or PluginStarted or TestFinished or PluginFinished)) return;
        lock (_gate)
        {
            if (_inputEnded || _dropped) return;
            _pending.Add(runEvent);
            if (_consumerWaiting && _pending.Count == BatchSize) Monitor.Pulse(_gate);
        }
    }

    /// <summary>Starts recording into <paramref name="store"/>, beginning with the events that have waited.</summary>
    public void Start(LocalStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        lock (_gate)
        {
            if (_thread is not null) throw new InvalidOperationException("the recorder is already started");
            if (_inputEnded) return;
            _store = store;
            _thread = new Thread(Drain) { IsBackground = true, Name = "store recorder" };
            _thread.Start();
        }
    }

    /// <summary>Completes the recording with the finished <paramref name="run"/> and commits it; false when there is no
    /// recording that holds it (never started, dropped, or not the run recorded), so the caller writes the run itself.</summary>
    /// <exception cref="StoreException">The run could not be stored; nothing of it is kept.</exception>
    public bool TryComplete(RunResult run, IReadOnlySet<string>? installedPlugins)
    {
        EndInput();
        var recording = _recording;
        _recording = null;
        if (recording is null) return false;
        return recording.TryComplete(run, installedPlugins);
    }

    /// <summary>Stops the thread and rolls back a recording not completed.</summary>
    public void Dispose()
    {
        EndInput();
        _recording?.Dispose();
        _recording = null;
    }

    private void EndInput()
    {
        Thread? thread;
        lock (_gate)
        {
            _inputEnded = true;
            Monitor.Pulse(_gate);
            thread = _thread;
        }
        thread?.Join();
    }

    private void Drain()
    {
        while (NextBatch() is { } batch)
        {
            if (_dropped) continue;
            try
            {
                foreach (var runEvent in batch) Apply(runEvent);
            }
            catch (Exception e)
            {
                Drop(e);
            }
        }
    }

    /// <summary>Waits for a full batch, the end of input, or <see cref="MaxDelay"/> with something pending; null when the
    /// input ended and everything was taken.</summary>
    private List<RunEvent>? NextBatch()
    {
        lock (_gate)
        {
            while (!_inputEnded && _pending.Count < BatchSize)
            {
                _consumerWaiting = true;
                bool woken = Monitor.Wait(_gate, MaxDelay);
                _consumerWaiting = false;
                if (!woken && _pending.Count > 0) break;
            }
            if (_pending.Count == 0) return null;
            var batch = _pending;
            _pending = new List<RunEvent>(BatchSize);
            return batch;
        }
    }

    private void Apply(RunEvent runEvent)
    {
        switch (runEvent)
        {
            case RunStarted started:
                _recording = _store!.Record(started.RunId, redactor.Redact(started.Node)!, started.At);
                break;
            case PluginStarted started:
                Recording.Expect(redactor.Redact(started.Plugin)!);
                break;
            case TestFinished finished:
                Recording.Add(redactor.Redact(finished.Result));
                break;
            case PluginFinished finished:
                Recording.EndPlugin(redactor.Redact(finished.Result.Name)!);
                break;
        }
    }

    private RunRecording Recording => _recording ?? throw new InvalidOperationException("the run's start was not seen");

    private void Drop(Exception failure)
    {
        Failure = failure;
        _recording?.Dispose();
        _recording = null;
        lock (_gate)
        {
            _dropped = true;
            _pending.Clear();
        }
    }
}
