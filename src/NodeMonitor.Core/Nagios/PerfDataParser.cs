using System.Globalization;

namespace NodeMonitor.Core.Nagios;

/// <summary>
/// Parses perfdata in the syntax of the Nagios plugin guidelines: space-separated
/// <c>'label'=value[UOM];[warn];[crit];[min];[max]</c>; labels with spaces are quoted with ' ('' is a quote inside).
/// A malformed item is reported and skipped; the others are kept (one odd value must not hide the rest).
/// </summary>
#if !NODEMONITOR_CHECKS
public // internal in NodeMonitor.Checks, which compiles this file in (no Core reference there)
#endif
static class PerfDataParser
{
    public static (IReadOnlyList<PerfDataSample> Samples, IReadOnlyList<string> Errors) Parse(string text)
    {
        var samples = new List<PerfDataSample>();
        var errors = new List<string>();
        foreach (string item in Items(text))
        {
            if (TryParseItem(item, out var sample, out string? error)) samples.Add(sample!);
            else errors.Add(error!);
        }
        return (samples, errors);
    }

    private static IEnumerable<string> Items(string text)
    {
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length) yield break;
            int start = i;
            bool quoted = false;
            while (i < text.Length && (quoted || !char.IsWhiteSpace(text[i])))
            {
                if (text[i] == '\'') quoted = !quoted; // '' inside a label toggles twice: still quoted
                i++;
            }
            yield return text[start..i];
        }
    }

    private static bool TryParseItem(string item, out PerfDataSample? sample, out string? error)
    {
        sample = null;
        error = null;
        int equals = item.LastIndexOf('=');
        if (equals <= 0)
        {
            error = $"not label=value: {item}";
            return false;
        }
        string label = item[..equals];
        if (label.Length >= 2 && label[0] == '\'' && label[^1] == '\'') label = label[1..^1].Replace("''", "'", StringComparison.Ordinal);
        string[] fields = item[(equals + 1)..].Split(';');
        string valueText = fields[0];
        int unitStart = valueText.Length;
        while (unitStart > 0 && !(char.IsDigit(valueText[unitStart - 1]) || valueText[unitStart - 1] == '.')) unitStart--;
        string rawUnit = valueText[unitStart..];
        if (!TryNumber(valueText[..unitStart], out double value))
        {
            error = $"'{label}': value is not a number: {valueText}";
            return false;
        }
        var (unit, factor) = Normalise(rawUnit);
        sample = new PerfDataSample(
            label,
            value * factor,
            unit,
            rawUnit,
            Field(fields, 1),
            Field(fields, 2),
            TryNumber(Field(fields, 3), out double min) ? min * factor : null,
            TryNumber(Field(fields, 4), out double max) ? max * factor : null);
        return true;
    }

    private static string? Field(string[] fields, int index) =>
        index < fields.Length && fields[index].Length > 0 ? fields[index] : null;

    private static bool TryNumber(string? text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>The guidelines' units, plus the binary prefixes newer plugins write (KiB, MiB, ...).</summary>
    private static (PerfDataUnit Unit, double Factor) Normalise(string unit) => unit switch
    {
        "" => (PerfDataUnit.None, 1),
        "s" => (PerfDataUnit.Seconds, 1),
        "ms" => (PerfDataUnit.Seconds, 1e-3),
        "us" => (PerfDataUnit.Seconds, 1e-6),
        "%" => (PerfDataUnit.Percent, 1),
        "B" => (PerfDataUnit.Bytes, 1),
        "KB" or "KiB" or "kB" => (PerfDataUnit.Bytes, 1024d),
        "MB" or "MiB" => (PerfDataUnit.Bytes, 1024d * 1024),
        "GB" or "GiB" => (PerfDataUnit.Bytes, 1024d * 1024 * 1024),
        "TB" or "TiB" => (PerfDataUnit.Bytes, 1024d * 1024 * 1024 * 1024),
        "c" => (PerfDataUnit.Counter, 1),
        _ => (PerfDataUnit.Other, 1),
    };
}
