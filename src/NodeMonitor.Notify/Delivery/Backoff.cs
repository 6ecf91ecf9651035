namespace NodeMonitor.Notify;

/// <summary>Waits between attempts to reach one receiver: doubling from <paramref name="First"/> up to <paramref name="Max"/>.</summary>
public sealed record Backoff(TimeSpan First, TimeSpan Max)
{
    public TimeSpan After(int failedAttempts)
    {
        double seconds = First.TotalSeconds * Math.Pow(2, Math.Min(30, Math.Max(0, failedAttempts - 1)));
        return TimeSpan.FromSeconds(Math.Min(seconds, Max.TotalSeconds));
    }
}
