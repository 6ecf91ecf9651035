using System.Globalization;
using System.Text.RegularExpressions;

namespace NodeMonitor.Fleet;

/// <summary>
/// etcd's own view of write latency: the <c>grpc_server_handling_seconds</c> histograms (members run with
/// <c>--metrics extensive</c>) of Put, Txn, DeleteRange and LeaseGrant, added up over the three members. Sampled before
/// and after each minute; a member restarted in between starts from zero, so its new counts are taken whole. Free of
/// the simulator's own CPU contention, which the client-side latencies include.
/// </summary>
public sealed partial class ServerLatency(IReadOnlyList<string> endpoints)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };
    private static readonly string[] WriteMethods = ["Put", "Txn", "DeleteRange", "LeaseGrant"];
    private readonly Dictionary<string, double[]> _last = [];

    /// <summary>Upper bounds of etcd's buckets, in seconds (the last is +Inf).</summary>
    public static readonly double[] Bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, double.PositiveInfinity];

    /// <summary>Cumulative bucket counts of the write calls the members handled since the last call.</summary>
    public async Task<double[]> DeltaAsync()
    {
        var delta = new double[Bounds.Length];
        foreach (var endpoint in endpoints)
        {
            double[]? now = await ScrapeAsync(endpoint);
            if (now is null) continue; // down: its counts since the last scrape are lost with it
            if (_last.TryGetValue(endpoint, out var before) && now[^1] >= before[^1])
                for (int i = 0; i < now.Length; i++) delta[i] += now[i] - before[i];
            else if (_last.ContainsKey(endpoint))
                for (int i = 0; i < now.Length; i++) delta[i] += now[i];
            _last[endpoint] = now;
        }
        return delta;
    }

    /// <summary>The quantile (0-1) by linear interpolation inside its bucket, as Prometheus' histogram_quantile does.</summary>
    public static double QuantileMs(double[] cumulative, double q)
    {
        double total = cumulative[^1];
        if (total <= 0) return double.NaN;
        double rank = q * total;
        for (int i = 0; i < cumulative.Length; i++)
        {
            if (cumulative[i] < rank) continue;
            if (double.IsPositiveInfinity(Bounds[i])) return Bounds[i - 1] * 1000;
            double lower = i == 0 ? 0 : Bounds[i - 1], below = i == 0 ? 0 : cumulative[i - 1];
            double inBucket = cumulative[i] - below;
            return (lower + (Bounds[i] - lower) * (inBucket <= 0 ? 1 : (rank - below) / inBucket)) * 1000;
        }
        return double.NaN;
    }

    public static double[] Sum(IEnumerable<double[]> histograms)
    {
        var sum = new double[Bounds.Length];
        foreach (var h in histograms)
            for (int i = 0; i < sum.Length; i++) sum[i] += h[i];
        return sum;
    }

    private static async Task<double[]?> ScrapeAsync(string endpoint)
    {
        string text;
        try
        {
            text = await Http.GetStringAsync($"{endpoint}/metrics");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
        var counts = new double[Bounds.Length];
        foreach (Match m in Bucket().Matches(text))
        {
            if (!WriteMethods.Contains(m.Groups[1].Value)) continue;
            string le = m.Groups[2].Value;
            int i = le == "+Inf" ? Bounds.Length - 1 : Array.IndexOf(Bounds, double.Parse(le, CultureInfo.InvariantCulture));
            if (i >= 0) counts[i] += double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        }
        return counts;
    }

    [GeneratedRegex("""^grpc_server_handling_seconds_bucket\{grpc_method="(\w+)",[^}]*le="([^"]+)"\} (\S+)$""", RegexOptions.Multiline)]
    private static partial Regex Bucket();
}
