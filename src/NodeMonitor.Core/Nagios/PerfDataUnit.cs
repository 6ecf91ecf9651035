namespace NodeMonitor.Core.Nagios;

/// <summary>What a perfdata value measures, after normalising its unit of measure.</summary>
#if !NODEMONITOR_CHECKS
public // internal in NodeMonitor.Checks, which compiles this file in (no Core reference there)
#endif
enum PerfDataUnit
{
    /// <summary>No unit: a plain number (load, count of processes, ...).</summary>
    None,
    /// <summary>Seconds (from s, ms, us).</summary>
    Seconds,
    Percent,
    /// <summary>Bytes (from B, KB, MB, GB, TB; Nagios plugins count these in powers of 1024).</summary>
    Bytes,
    /// <summary>A continuous counter (c), e.g. bytes sent since boot.</summary>
    Counter,
    /// <summary>A unit outside the guidelines; the value is kept as written and <see cref="PerfDataSample.RawUnit"/> says what it is.</summary>
    Other,
}
