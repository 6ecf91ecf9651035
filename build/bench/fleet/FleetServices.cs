using dotnet_etcd;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Etcd;
using NodeMonitor.Swift;

namespace NodeMonitor.Fleet;

/// <summary>
/// What the simulated nodes share: a few etcd clients (each one gRPC channel to all three members; nodes are spread
/// over them, since 100,000 real connections do not fit on one machine), the optional real Swift, the settings, and
/// the current minute's counters.
/// </summary>
public sealed class FleetServices : IDisposable
{
    private readonly EtcdClient[] _clients;
    private readonly SwiftClient? _swift;
    private readonly SwiftSettings? _swiftSettings;
    private readonly int _swiftSampleEvery;
    private long _bundles;

    public FleetServices(EtcdSettings etcd, int channels, SwiftSettings? swift, int swiftSampleEvery, ReportSettings report, int retries)
    {
        Etcd = etcd;
        _clients = [.. Enumerable.Range(0, channels).Select(_ => EtcdConnection.Create(etcd))];
        _swiftSettings = swift;
        _swift = swift is null ? null : new SwiftClient(swift);
        _swiftSampleEvery = swiftSampleEvery;
        Report = report;
        Retries = retries;
    }

    public EtcdSettings Etcd { get; }

    public ReportSettings Report { get; }

    public int Retries { get; }

    public TimeSpan CallDeadline => Etcd.Deadline;

    public int Channels => _clients.Length;

    /// <summary>Counters of the minute being simulated (replaced each minute).</summary>
    public Stats Minute { get; set; } = new();

    public DeliveryLog Log { get; } = new();

    /// <summary>Real seconds one simulated minute takes, on average so far.</summary>
    public double SecondsPerSimMinute { get; set; } = 10;

    /// <summary>A lease TTL in simulated time as real time at the pace so far, twice over, and never shorter than the
    /// simulated TTL itself: the first minutes' pace says little about the later ones, and a lease granted then must not
    /// expire in a burst with the others of its minute while the run goes on (a real fleet's leases expire spread out).</summary>
    public TimeSpan RealLease(TimeSpan simTtl) => TimeSpan.FromSeconds(Math.Max(simTtl.TotalSeconds, simTtl.TotalMinutes * SecondsPerSimMinute * 2));

    public EtcdClient Client(string node) => _clients[(int)((uint)StringComparer.Ordinal.GetHashCode(node) % (uint)_clients.Length)];

    public IFailureRecordStore Records(string node, SimClock clock, RunTally tally, RunOrigin origin) =>
        new MeasuredRecords(new EtcdFailureRecords(Client(node), Etcd), clock, Minute, Log, tally, origin);

    /// <summary>Whether the minute being simulated is a fault minute (set by the run each minute).</summary>
    public bool InFaultMinute { get; set; }

    public IHeartbeatStore Heartbeat(string node, SimClock clock, RunTally tally) =>
        new MeasuredHeartbeat(new EtcdHeartbeat(Client(node), Etcd), clock, Minute, tally, RealLease);

    /// <summary>Every <c>swiftSampleEvery</c>-th bundle goes to the real Swift; the rest are counted.</summary>
    public IFailureBundleStore Bundles(SimClock clock, RunTally tally)
    {
        var real = _swift is null ? null : new SwiftBundleStore(_swift, _swiftSettings!, clock);
        bool sampled = real is not null && Interlocked.Read(ref _bundles) % _swiftSampleEvery == 0;
        return new CountingBundleGate(new CountedBundles(real, sampled, clock, Minute, tally), () => Interlocked.Increment(ref _bundles));
    }

    public void Dispose()
    {
        foreach (var c in _clients) c.Dispose();
        _swift?.Dispose();
    }

    /// <summary>Counts bundle uploads so the real-Swift sample is every n-th one.</summary>
    private sealed class CountingBundleGate(IFailureBundleStore inner, Action counted) : IFailureBundleStore
    {
        public Task<BundleLink> UploadAsync(FailureBundle bundle, DateTime deadlineUtc, CancellationToken ct)
        {
            counted();
            return inner.UploadAsync(bundle, deadlineUtc, ct);
        }
    }
}
