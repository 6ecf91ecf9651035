using System.Collections.Concurrent;

namespace NodeMonitor.Fleet;

/// <summary>Thread-safe counters and latency samples of one simulated minute (or of a whole scenario).</summary>
public sealed class Stats
{
    private long _writes;
    private long _bytes;
    private long _failed;
    private long _swiftObjects;
    private long _swiftBytes;
    private long _swiftReal;
    private long _leaseGrants;
    private readonly ConcurrentBag<double> _latencyMs = [];

    public long Writes => Interlocked.Read(ref _writes);
    public long Bytes => Interlocked.Read(ref _bytes);
    public long FailedCalls => Interlocked.Read(ref _failed);
    public long SwiftObjects => Interlocked.Read(ref _swiftObjects);
    public long SwiftBytes => Interlocked.Read(ref _swiftBytes);
    public long SwiftReal => Interlocked.Read(ref _swiftReal);
    public long LeaseGrants => Interlocked.Read(ref _leaseGrants);
    public IReadOnlyCollection<double> Latencies => _latencyMs;

    /// <summary>A write call that reached etcd: <paramref name="writes"/> write RPCs carrying <paramref name="bytes"/>.</summary>
    public void Call(int writes, long bytes, double ms)
    {
        Interlocked.Add(ref _writes, writes);
        Interlocked.Add(ref _bytes, bytes);
        _latencyMs.Add(ms);
    }

    /// <summary>Writes counted without being sent (the baseline's nodes outside the real sample).</summary>
    public void Counted(long writes, long bytes)
    {
        Interlocked.Add(ref _writes, writes);
        Interlocked.Add(ref _bytes, bytes);
    }

    public void Failed() => Interlocked.Increment(ref _failed);

    /// <summary>A heartbeat that granted a lease (its write RPCs are counted by <see cref="Call"/>).</summary>
    public void LeaseGranted() => Interlocked.Increment(ref _leaseGrants);

    public void Swift(int objects, long bytes, bool real)
    {
        Interlocked.Add(ref _swiftObjects, objects);
        Interlocked.Add(ref _swiftBytes, bytes);
        if (real) Interlocked.Add(ref _swiftReal, objects);
    }

    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
