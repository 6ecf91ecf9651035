using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace NodeMonitor.Fleet;

/// <summary>
/// One real <c>nodemonitor notify</c> process watching the fleet's failure records, and the webhook receiver it sends to:
/// for every write that changed a failure record (a put of a new value, a deletion of a record), the time from that write
/// to the first message naming the node is its lag, kept apart by <see cref="LagKind"/>. A write counts from the moment
/// its call started, so a message made while the simulator had not yet seen the call return still tells it. A message
/// names many nodes when a storm is grouped.
/// </summary>
public sealed class NotifyWatch : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Process _process;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<TrackedWrite>> _written = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Lag> _lags = [];
    private readonly ConcurrentBag<int> _messageSizes = [];
    private readonly Task _receiving;
    private readonly TaskCompletionSource _elected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits (at most <paramref name="limit"/>) until notify has been elected sender and watches.</summary>
    public async Task<bool> WaitElectedAsync(TimeSpan limit) =>
        await Task.WhenAny(_elected.Task, Task.Delay(limit)) == _elected.Task;

    public NotifyWatch(string cli, string configFile, string stateDirectory, int port, string log)
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _receiving = Task.Run(ReceiveAsync);
        var start = new ProcessStartInfo(cli) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "notify", "--config", configFile, "--state", stateDirectory, "--webhook", $"http://127.0.0.1:{port}/hook" })
            start.ArgumentList.Add(a);
        _process = Process.Start(start)!;
        var output = new StreamWriter(log) { AutoFlush = true };
        void Line(string? text)
        {
            if (text is null) return;
            lock (output) output.WriteLine(text);
            if (text.Contains("elected sender", StringComparison.Ordinal)) _elected.TrySetResult();
        }
        _process.OutputDataReceived += (_, e) => Line(e.Data);
        _process.ErrorDataReceived += (_, e) => Line(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Each told write's lag (the oldest write of a node a message names).</summary>
    public IReadOnlyCollection<Lag> Lags => _lags;

    public IReadOnlyCollection<int> MessageSizes => _messageSizes;

    /// <summary>Changes written to etcd that no message has named yet.</summary>
    public int Unnotified => _written.Values.Sum(q => q.Count);

    /// <summary>A write that changed the failure record of <paramref name="node"/>, whose call started at
    /// <paramref name="startedAt"/>, of a report made at <paramref name="madeAt"/> (earlier when it waited in a spool).</summary>
    public void Written(string node, DateTime startedAt, DateTime madeAt, LagKind kind) =>
        _written.GetOrAdd(node, _ => new ConcurrentQueue<TrackedWrite>()).Enqueue(new TrackedWrite(startedAt, madeAt, kind));

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            var now = DateTime.UtcNow;
            try
            {
                using var doc = await JsonDocument.ParseAsync(context.Request.InputStream);
                // Writes up to the message's making are what it tells; later ones wait for the next message.
                var made = doc.RootElement.GetProperty("createdAt").GetDateTimeOffset().UtcDateTime;
                int named = 0;
                foreach (var change in doc.RootElement.GetProperty("nodes").EnumerateArray())
                {
                    named++;
                    if (!_written.TryGetValue(change.GetProperty("node").GetString() ?? "", out var queue)) continue;
                    // Every write of this node started before the message was made is told by it; the oldest waited longest.
                    TrackedWrite? oldest = null;
                    while (queue.TryPeek(out var write) && write.StartedAt <= made && queue.TryDequeue(out write))
                        oldest ??= write;
                    if (oldest is { } w) _lags.Add(new Lag(w.Kind, (now - w.StartedAt).TotalSeconds, (now - w.MadeAt).TotalSeconds));
                }
                _messageSizes.Add(named);
                context.Response.StatusCode = 200;
            }
            catch (JsonException)
            {
                context.Response.StatusCode = 400;
            }
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        _listener.Stop();
        _listener.Close();
        _receiving.Wait(TimeSpan.FromSeconds(5));
    }
}

/// <summary>Which figure a write's notify lag belongs to.</summary>
public enum LagKind
{
    /// <summary>Written by the run that made it, in a minute without a fault: the goal's figure.</summary>
    Clean,

    /// <summary>Written by the run that made it, in a fault minute (a member down, quorum lost, the storm, the drain).</summary>
    FaultMinute,

    /// <summary>Delivered from a node's spool by a later run (its run found reports waiting): late by the outage.</summary>
    Spooled,
}

/// <summary>One told write: seconds from its write to the webhook, and from the report's making (its run) to the webhook.</summary>
public sealed record Lag(LagKind Kind, double FromWriteSeconds, double FromRunSeconds);

internal sealed record TrackedWrite(DateTime StartedAt, DateTime MadeAt, LagKind Kind);
