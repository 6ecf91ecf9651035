using System.Collections.Concurrent;
using dotnet_etcd;
using NodeMonitor.Central;
using NodeMonitor.Central.Election;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Etcd;

namespace NodeMonitor.Notify.Tests.Support;

/// <summary>One notify service in this process against the test etcd (or the etcd of <c>etcd</c>), with a short group
/// window, its own state file and log; <see cref="StopAsync"/> ends it as SIGTERM does.</summary>
public sealed class NotifyInstance : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly EtcdClient _client;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private Task? _running;

    public NotifyInstance(string prefix, string stateFile, IReadOnlyList<Receiver> receivers, string name = "notify-a",
        TimeSpan? groupWindow = null, Backoff? backoff = null, TimeProvider? clock = null, int maxNodes = 10, EtcdSettings? etcd = null)
    {
        var settings = etcd ?? RealEtcd.Settings(prefix);
        _client = etcd is null ? RealEtcd.Client(prefix) : EtcdConnection.Create(etcd);
        Options = new NotifyOptions(stateFile, receivers, groupWindow ?? TimeSpan.FromSeconds(1), maxNodes,
            backoff ?? new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)), TimeSpan.FromMilliseconds(300),
            TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(3));
        var election = new EtcdElection(_client, EtcdElection.KeyOf(settings, "notify"), name, TimeSpan.FromSeconds(3));
        Service = new NotifyService(_client, settings.FailuresPrefix, new EtcdSilences(_client, settings), Options,
            new EtcdSenderLeadership(election, name, TimeSpan.FromSeconds(3), Log), _http, Metrics, clock ?? TimeProvider.System, Log);
    }

    public NotifyOptions Options { get; }

    public NotifyService Service { get; }

    public NotifyMetrics Metrics { get; } = new();

    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>How many terms this instance has won so far.</summary>
    public int Elections => Lines.Count(l => l.StartsWith("elected sender", StringComparison.Ordinal));

    public NotifyInstance Start()
    {
        _running = Task.Run(async () =>
        {
            try
            {
                await Service.RunAsync(_stop.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log($"stopped by {e}");
                throw;
            }
        });
        return this;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            try
            {
                await _running;
            }
            catch (OperationCanceledException)
            {
                // stopped
            }
        }
        _running = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _client.Dispose();
        _http.Dispose();
        _stop.Dispose();
    }

    private void Log(string line)
    {
        Lines.Enqueue(line);
        TestContext.Progress.WriteLine($"notify: {line}");
    }
}
