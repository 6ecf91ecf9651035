using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace NodeMonitor.Notify;

/// <summary>
/// What notify measures of itself: messages delivered, refused and failed attempts per receiver, and the lag from the
/// moment notify saw a change in etcd to its delivery (last, max, sum and count per receiver). Served on the API's
/// <c>/metrics</c> in Prometheus text; a harness hosting the engine reads <see cref="Lags"/> directly.
/// </summary>
public sealed class NotifyMetrics
{
    private readonly ConcurrentDictionary<string, ReceiverCounters> _receivers = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ReceiverCounters> Receivers => _receivers;

    /// <summary>Every measured lag, oldest first (bounded: the last 10,000).</summary>
    public IReadOnlyList<TimeSpan> Lags
    {
        get { lock (_lags) return _lags.ToList(); }
    }

    private readonly Queue<TimeSpan> _lags = new();

    public void Failed(Receiver receiver) => Interlocked.Increment(ref Counters(receiver).FailedAttempts);

    public void Delivered(Receiver receiver, NotifyMessage message, DateTimeOffset now, bool accepted)
    {
        var c = Counters(receiver);
        if (!accepted)
        {
            Interlocked.Increment(ref c.Refused);
            return;
        }
        var lag = now - message.ObservedAt;
        lock (c)
        {
            c.Delivered++;
            c.LagSecondsSum += lag.TotalSeconds;
            c.LagSecondsLast = lag.TotalSeconds;
            c.LagSecondsMax = Math.Max(c.LagSecondsMax, lag.TotalSeconds);
        }
        lock (_lags)
        {
            _lags.Enqueue(lag);
            if (_lags.Count > 10_000) _lags.Dequeue();
        }
    }

    public string PrometheusText()
    {
        var text = new StringBuilder();
        Family(text, "nodemonitor_notify_messages_delivered_total", "counter", "Messages a receiver accepted.", c => c.Delivered);
        Family(text, "nodemonitor_notify_messages_refused_total", "counter", "Messages a receiver refused with a 4xx (dropped).", c => c.Refused);
        Family(text, "nodemonitor_notify_failed_attempts_total", "counter", "Attempts that failed and will be retried.", c => c.FailedAttempts);
        Family(text, "nodemonitor_notify_lag_seconds_sum", "counter", "Sum of the lags from a change seen in etcd to its delivery.", c => c.LagSecondsSum);
        Family(text, "nodemonitor_notify_lag_seconds_max", "gauge", "Longest lag from a change seen in etcd to its delivery.", c => c.LagSecondsMax);
        Family(text, "nodemonitor_notify_lag_seconds_last", "gauge", "Lag of the last delivered message.", c => c.LagSecondsLast);
        return text.ToString();
    }

    private void Family(StringBuilder text, string name, string type, string help, Func<ReceiverCounters, double> value)
    {
        text.Append($"# HELP {name} {help}\n# TYPE {name} {type}\n");
        foreach (var (receiver, c) in _receivers.OrderBy(r => r.Key, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"{name}{{receiver=\"{receiver}\"}} {value(c)}\n");
    }

    private ReceiverCounters Counters(Receiver receiver) => _receivers.GetOrAdd(receiver.Id, _ => new ReceiverCounters());
}

/// <summary>One receiver's counters.</summary>
public sealed class ReceiverCounters
{
    public long Delivered;
    public long Refused;
    public long FailedAttempts;
    public double LagSecondsSum;
    public double LagSecondsMax;
    public double LagSecondsLast;
}
