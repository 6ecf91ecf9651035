namespace NodeMonitor.Core.Reporting.Central;

/// <summary>Intervals measured from a stored time stamp, safe against clocks stepped back.</summary>
public static class ClockSchedule
{
    /// <summary>True when <paramref name="interval"/> has passed since <paramref name="since"/>, or when
    /// <paramref name="since"/> lies in the future: a stamp from a clock that was ahead proves nothing about now.</summary>
    public static bool HasPassed(DateTimeOffset since, TimeSpan interval, DateTimeOffset now) =>
        since > now || now - since >= interval;
}
