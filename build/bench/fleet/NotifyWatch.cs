using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace NodeMonitor.Fleet;

/// <summary>
/// One real <c>nodemonitor notify</c> process watching the fleet's failure records, and the webhook receiver it sends to:
/// for every failure record written or deleted, the time from that write to the first message naming the node is its
/// lag. A message names many nodes when a storm is grouped.
/// </summary>
public sealed class NotifyWatch : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Process _process;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTime>> _written = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<double> _lagSeconds = [];
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

    public IReadOnlyCollection<double> LagSeconds => _lagSeconds;

    public IReadOnlyCollection<int> MessageSizes => _messageSizes;

    /// <summary>Changes written to etcd that no message has named yet.</summary>
    public int Unnotified => _written.Values.Sum(q => q.Count);

    /// <summary>A failure record of <paramref name="node"/> was written or deleted just now.</summary>
    public void Written(string node) => _written.GetOrAdd(node, _ => new ConcurrentQueue<DateTime>()).Enqueue(DateTime.UtcNow);

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
                    // Every write of this node up to the message is told by it; the oldest one waited longest.
                    double? oldest = null;
                    while (queue.TryPeek(out var at) && at <= made && queue.TryDequeue(out at))
                        oldest ??= (now - at).TotalSeconds;
                    if (oldest is { } lag) _lagSeconds.Add(lag);
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
