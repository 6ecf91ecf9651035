using NodeMonitor.Tests.Shared;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace NodeMonitor.Notify.Tests.Support;

/// <summary>A real HTTP receiver on a free loopback port: keeps every POST it accepted, answers 503 while
/// <see cref="Down"/>, and counts every attempt.</summary>
public sealed class RecordingReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<Received> _accepted = new();
    private readonly Task _loop;
    private int _attempts;

    public RecordingReceiver(string path = "/hook")
    {
        Port = FreePort();
        Url = $"http://127.0.0.1:{Port}{path}";
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url { get; }

    /// <summary>While true every request gets 503.</summary>
    public volatile bool Down;

    public int Attempts => Volatile.Read(ref _attempts);

    public IReadOnlyList<Received> Accepted => _accepted.ToList();

    /// <summary>Accepted messages, a repeat of the same Idempotency-Key counted once.</summary>
    public IReadOnlyList<Received> Distinct => Accepted.DistinctBy(m => m.IdempotencyKey).ToList();

    /// <summary>Every node change in the distinct messages: (node, kind).</summary>
    public IReadOnlyList<(string Node, string Kind)> Changes =>
        Distinct.SelectMany(m => m.Body.GetProperty("nodes").EnumerateArray()
            .Select(n => (n.GetProperty("node").GetString()!, n.GetProperty("kind").GetString()!))).ToList();

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // the listener was closed under the loop
        }
    }

    public static int FreePort() => LoopbackPorts.Take(1)[0];

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            Interlocked.Increment(ref _attempts);
            using var reader = new StreamReader(context.Request.InputStream);
            string body = await reader.ReadToEndAsync();
            if (Down)
            {
                context.Response.StatusCode = 503;
            }
            else
            {
                _accepted.Enqueue(new Received(context.Request.Headers["Idempotency-Key"] ?? "", context.Request.Headers["Authorization"],
                    JsonDocument.Parse(body).RootElement.Clone()) { Text = body, ContentType = context.Request.ContentType });
                context.Response.StatusCode = 200;
            }
            context.Response.Close();
        }
    }
}

/// <summary>One accepted POST; <see cref="Text"/> the body as sent.</summary>
public sealed record Received(string IdempotencyKey, string? Authorization, JsonElement Body)
{
    public string Text { get; init; } = "";

    public string? ContentType { get; init; }
}
