using System.Globalization;

namespace NodeMonitor.Samples.NetworkReachability;

/// <summary>One "host:port" entry of NM_REACH_TARGETS. IPv6 literals are written in brackets: "[::1]:22".</summary>
public sealed record ReachTarget(string Host, int Port)
{
    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Splits the comma-separated list; blank entries (a trailing comma) are dropped.</summary>
    public static IReadOnlyList<string> SplitList(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Parses one entry, or explains in <paramref name="error"/> why it is not "host:port".</summary>
    public static bool TryParse(string text, out ReachTarget? target, out string error)
    {
        target = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            error = $"'{text}' is not host:port";
            return false;
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
            host = host[1..^1];
        else if (host.Contains(':'))
        {
            error = $"'{text}' looks like an IPv6 address; write it in brackets, e.g. [::1]:22";
            return false;
        }

        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            error = $"'{text}' has no valid port (1-65535)";
            return false;
        }

        target = new ReachTarget(host, port);
        error = "";
        return true;
    }
}
