using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NodeMonitor.Fleet;

/// <summary>The three-member cluster through build/services/etcd-cluster.sh (kill, restart, leader) and each member's
/// Prometheus metrics (DB size).</summary>
public sealed class ClusterControl(string script, IReadOnlyList<string> endpoints)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };

    public string Run(params string[] args)
    {
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(60_000)) { process.Kill(); throw new TimeoutException($"etcd-cluster.sh {string.Join(' ', args)} hung"); }
        return (stdout.Result + stderr).Trim();
    }

    /// <summary>The member (1-3) that leads now, or 0.</summary>
    public int Leader() => int.TryParse(Run("leader"), out int n) ? n : 0;

    /// <summary>A metric of the first member that answers (e.g. etcd_mvcc_db_total_size_in_use_in_bytes); NaN when none does.</summary>
    public async Task<double> MetricAsync(string name)
    {
        foreach (var endpoint in endpoints)
        {
            try
            {
                string text = await Http.GetStringAsync($"{endpoint}/metrics");
                var m = Regex.Match(text, $"^{name} (\\S+)$", RegexOptions.Multiline);
                if (m.Success) return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // that member is down: ask the next
            }
        }
        return double.NaN;
    }
}
