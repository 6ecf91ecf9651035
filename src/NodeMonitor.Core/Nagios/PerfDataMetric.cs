using System.Text;
using System.Text.Json;

namespace NodeMonitor.Core.Nagios;

/// <summary>
/// Perfdata values as metric samples, in the JSON of the test property <see cref="PropertyName"/> that
/// NodeMonitor.Core.Results.TestMetricJson reads: perfdata reaches the metric store by the same path as the samples a
/// plugin records with NodeMonitor.Checks' <c>Metric</c> API, so there is one writer and one set of rules.
/// <list type="bullet">
/// <item>name <c>nagios_&lt;label&gt;</c>: lower case, every run of other characters than letters and digits one '_'
/// (<c>/var/log</c> → <c>nagios_var_log</c>, <c>/</c> → <c>nagios_root</c>), plus the unit's suffix
/// <c>_seconds</c>, <c>_percent</c>, <c>_bytes</c>, or <c>_total</c> for a counter (c);</item>
/// <item>unit "seconds", "percent", "bytes", the plugin's own unit when it is outside the guidelines, else none;</item>
/// <item>a counter (c) is stored as a counter whose value is already the running total; everything else is a gauge;</item>
/// <item>labels <c>command</c> (the command's name) and <c>label</c> (the perfdata label as written, which keeps two
/// labels apart that read the same once sanitised); the reader adds <c>plugin</c> and <c>test</c>;</item>
/// <item>warning and critical thresholds, min and max are not stored: as series of their own they would be charted
/// apart from the value (no limit line) and triple the store's size for numbers that change only with the config.</item>
/// </list>
/// </summary>
#if !NODEMONITOR_CHECKS
public // internal in NodeMonitor.Checks, which compiles this file in (no Core reference there)
#endif
static class PerfDataMetric
{
    /// <summary>Same text as NodeMonitor.Core.Results.TestMetricJson.PropertyName (the Checks package shares no code with Core).</summary>
    public const string PropertyName = "nodemonitor.metric";

    private const string Prefix = "nagios_";

    /// <summary>The metric name of <paramref name="sample"/>'s value.</summary>
    public static string Name(PerfDataSample sample)
    {
        string stem = Sanitise(sample.Label);
        return Prefix + stem + Suffix(sample.Unit, stem);
    }

    /// <summary>The property value (JSON) carrying <paramref name="sample"/> of the command named <paramref name="command"/>.</summary>
    public static string ToJson(PerfDataSample sample, string command) =>
        Json(Name(sample), sample.Value, sample.Unit == PerfDataUnit.Counter, UnitText(sample), command, sample.Label);

    private static string Json(string name, double value, bool counter, string? unit, string command, string label)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteNumber("value", value);
            writer.WriteString("kind", counter ? "counter" : "gauge");
            // A Nagios counter prints its running total (bytes since boot), not the increase the store adds up.
            if (counter) writer.WriteBoolean("total", true);
            if (unit is not null) writer.WriteString("unit", unit);
            writer.WriteStartObject("labels");
            writer.WriteString("command", command);
            writer.WriteString("label", label);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Sanitise(string label)
    {
        var name = new StringBuilder(label.Length);
        foreach (char c in label)
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9')) name.Append(c);
            else if (c is >= 'A' and <= 'Z') name.Append(char.ToLowerInvariant(c));
            else if (name.Length > 0 && name[^1] != '_') name.Append('_');
        }
        string text = name.ToString().TrimEnd('_');
        // check_disk labels the root file system "/", which has no letters at all.
        if (text.Length == 0) return label.Trim().All(c => c == '/') && label.Trim().Length > 0 ? "root" : "value";
        return text;
    }

    private static string Suffix(PerfDataUnit unit, string stem)
    {
        string suffix = unit switch
        {
            PerfDataUnit.Seconds => "_seconds",
            PerfDataUnit.Percent => "_percent",
            PerfDataUnit.Bytes => "_bytes",
            PerfDataUnit.Counter => "_total",
            _ => "",
        };
        return stem.EndsWith(suffix, StringComparison.Ordinal) || ("_" + stem).EndsWith(suffix, StringComparison.Ordinal) ? "" : suffix;
    }

    private static string? UnitText(PerfDataSample sample) => sample.Unit switch
    {
        PerfDataUnit.Seconds => "seconds",
        PerfDataUnit.Percent => "percent",
        PerfDataUnit.Bytes => "bytes",
        PerfDataUnit.Other when sample.RawUnit.Length > 0 => sample.RawUnit,
        _ => null,
    };
}
