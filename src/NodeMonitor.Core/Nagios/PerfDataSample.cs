using System.Globalization;

namespace NodeMonitor.Core.Nagios;

/// <summary>
/// One performance-data value of a Nagios plugin, <c>'label'=value[UOM];[warn];[crit];[min];[max]</c>,
/// with <see cref="Value"/>, <see cref="Min"/> and <see cref="Max"/> normalised to <see cref="Unit"/>
/// (milliseconds become seconds, MB become bytes). This is the form the metrics store consumes.
/// </summary>
/// <param name="RawUnit">The unit as the plugin wrote it ("" when none).</param>
/// <param name="Warning">The warning threshold range as written (Nagios range syntax, in <see cref="RawUnit"/>), or null.</param>
/// <param name="Critical">The critical threshold range as written, or null.</param>
#if !NODEMONITOR_CHECKS
public // internal in NodeMonitor.Checks, which compiles this file in (no Core reference there)
#endif
sealed record PerfDataSample(
    string Label,
    double Value,
    PerfDataUnit Unit,
    string RawUnit,
    string? Warning,
    string? Critical,
    double? Min,
    double? Max)
{
    /// <summary>The normalised value with its unit's suffix, e.g. <c>0.0042s</c>, <c>80%</c>, <c>1048576B</c>, <c>17c</c>.</summary>
    public string FormattedValue => Value.ToString("R", CultureInfo.InvariantCulture) + Unit switch
    {
        PerfDataUnit.Seconds => "s",
        PerfDataUnit.Percent => "%",
        PerfDataUnit.Bytes => "B",
        PerfDataUnit.Counter => "c",
        PerfDataUnit.Other => RawUnit,
        _ => "",
    };
}
