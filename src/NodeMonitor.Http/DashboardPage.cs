using System.Net;
using System.Text;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;
using NodeMonitor.Metrics;

namespace NodeMonitor.Http;

/// <summary>
/// The dashboard at <c>/</c>: one self-contained HTML page (inline CSS, inline SVG, a few lines of script that only
/// mark charts the browser has laid out). Failing checks come first with their message and how long they have
/// been failing; then a chart per metric name over the chosen window. Reloads itself every minute, as runs do.
/// </summary>
internal sealed class DashboardPage(string node, DateTimeOffset now, DashboardWindow window, string? token)
{
    /// <param name="silences">Null when no etcd is configured: silences are not shown at all.</param>
    public string Render(StoredRun? last, IReadOnlyList<TestState> states, IReadOnlyList<SeriesPoints> series, CentralStatus? central = null,
        SilencesSeen? silences = null)
    {
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="refresh" content="60"><title>{H(node)} · NodeMonitor</title>
            <style>{DashboardStyle.Css}</style></head><body>
            <header><h1>{H(node)}</h1>{Summary(last, central)}{CentralLine(central)}</header><main>
            """);
        Checks(html, states, silences);
        Charts(html, series);
        html.Append($"""
            </main><footer>NodeMonitor · <a href="{H(Link("/metrics"))}">/metrics</a> · <a href="{H(Link("/api/v1/status"))}">/api/v1/status</a> · <a href="{H(Link("/healthz"))}">/healthz</a></footer>
            """);
        html.Append("""
            <script>
            // Mark the charts the browser actually laid out, so a headless test can tell a drawn chart from markup.
            for (const svg of document.querySelectorAll('svg.chart')) {
              const shape = svg.querySelector('polyline, circle');
              if (shape && shape.getBBox().width + shape.getBBox().height > 0) svg.setAttribute('data-rendered', 'true');
            }
            </script></body></html>
            """);
        return html.ToString();
    }

    private string Summary(StoredRun? last, CentralStatus? central)
    {
        if (last is null) return "<p class=\"summary\">No run stored yet. Run <code>nodemonitor run</code>.</p>";
        var c = last.Counts;
        string verdict = last.Passed ? "<span class=\"badge Passed\">PASSED</span>" : "<span class=\"badge Failed\">FAILED</span>";
        if (!last.Passed && central?.FailureBundle is { } bundle) verdict += " " + BundleLink(bundle);
        return $"<p class=\"summary\">{verdict} last run <code>{H(last.RunId)}</code> ended {Ago(now - last.EndTime)} ago " +
               $"({last.EndTime.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC): {Plural.Of(c.Total, "test")}, {c.Failed} failed, {Plural.Of(c.Warnings, "warning")}, " +
               $"{c.Skipped} skipped · {Plural.Of(last.Plugins.Count, "plugin")}</p>";
    }

    /// <summary>The failure bundle in Swift: the TempURL opens in a browser without a token while it is valid.</summary>
    private string BundleLink(DeliveredBundle bundle)
    {
        string title = bundle.TempUrlValidAt(now)
            ? $"signed link valid until {bundle.Link.TempUrlExpiresAt!.Value.ToUniversalTime():yyyy-MM-dd HH:mm} UTC"
            : "object URL: needs a Swift token (the signed link has expired or was not made)";
        return $"<a class=\"bundle\" href=\"{H(bundle.UrlAt(now))}\" title=\"{H($"run {bundle.RunId}: {title}")}\">failure bundle ↗</a>";
    }

    /// <summary>One quiet line on what etcd and Swift have heard from this node; absent when it never reported.</summary>
    private string CentralLine(CentralStatus? central)
    {
        if (central is null || central.IsEmpty) return "";
        var parts = new List<string>();
        var d = central.Delivery;
        parts.Add(central.DeliveryState switch
        {
            CentralDeliveryState.Pending => $"<span class=\"pending\">{Plural.Of(d.Pending, "report")} pending for {Ago(now - d.PendingSince!.Value)}</span>",
            CentralDeliveryState.Delivered => "reports delivered",
            _ => "nothing reported",
        });
        if (d.LastError is { } error) parts.Add($"<span class=\"error\" title=\"{H(error)}\">last error: {H(Shorten(error))}</span>");
        if (central.Heartbeat?.WrittenAt is { } beat) parts.Add($"heartbeat {Ago(now - beat)} ago");
        else if (central.Heartbeat?.LastError is { } beatError) parts.Add($"<span class=\"error\" title=\"{H(beatError)}\">heartbeat failing</span>");
        if (central.Sync?.LastSyncAt is { } synced) parts.Add($"synced {Ago(now - synced)} ago");
        // Without a sync ever attempted (no Swift), every run is "unsynced": saying so would only be noise.
        if (central.Sync is not null) parts.Add($"{Plural.Of(central.UnsyncedRuns, "run")} not synced");
        return $"<p class=\"central\">Central: {string.Join(" · ", parts)}</p>";
    }

    private static string Shorten(string text) => text.Length <= 90 ? text : text[..90] + "…";

    private void Checks(StringBuilder html, IReadOnlyList<TestState> states, SilencesSeen? silences)
    {
        html.Append("<section><h2>Checks</h2>");
        if (silences?.Unknown is { } why)
            html.Append($"<p class=\"silences-unknown\" title=\"{H(why)}\">Silences unknown: etcd did not answer ({H(Shorten(why))}).</p>");
        if (states.Count == 0) html.Append("<p>No checks recorded yet.</p>");
        else
        {
            html.Append("<table class=\"checks\"><thead><tr><th>State</th><th>Plugin</th><th>Check</th><th>For</th></tr></thead><tbody>");
            foreach (var s in states)
            {
                string name = s.IsPluginLevel ? "(the plugin itself)" : s.FullName;
                html.Append($"<tr class=\"{s.Outcome}\"><td><span class=\"badge {s.Outcome}\">{s.Outcome}</span></td><td>{H(s.Plugin)}</td>" +
                            $"<td class=\"test\">{H(name)}");
                if (silences?.Covering(node, s, now) is { } silence)
                    html.Append($"<p class=\"silenced\" data-silence=\"{H(silence.Id)}\">silenced by {H(silence.Author)} until " +
                                $"{silence.EndsAt.ToUniversalTime():yyyy-MM-dd HH:mm} UTC — {H(silence.Reason)}</p>");
                if (s.Outcome != TestOutcome.Passed && !string.IsNullOrWhiteSpace(s.Message))
                    html.Append($"<pre class=\"message\">{H(Trim(s.Message))}</pre>");
                html.Append($"</td><td title=\"since {s.Since.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC\">{Ago(now - s.Since)}</td></tr>");
            }
            html.Append("</tbody></table>");
        }
        html.Append("</section>");
    }

    private void Charts(StringBuilder html, IReadOnlyList<SeriesPoints> series)
    {
        html.Append("<section><h2>Metrics</h2><nav class=\"windows\">");
        foreach (var w in DashboardWindow.All)
        {
            html.Append(w == window ? $"<b>{w.Name}</b>" : $"<a href=\"{H(Link("", $"window={w.Name}"))}\">{w.Name}</a>");
        }
        html.Append("</nav>");
        if (series.Count == 0) html.Append("<p>No metrics stored yet.</p>");
        html.Append("<div class=\"charts\">");
        foreach (var group in series.GroupBy(s => s.Series.Name, StringComparer.Ordinal))
        {
            var lines = group.ToList();
            string unit = lines[0].Series.Unit is { } u ? $" <small>({H(u)})</small>" : "";
            html.Append($"<figure><figcaption>{H(group.Key)}{unit}</figcaption>");
            html.Append(SvgChart.Render(group.Key, lines, now - window.Span, now));
            html.Append("<ul class=\"legend\">");
            for (int i = 0; i < Math.Min(lines.Count, SvgChart.MaxLines); i++)
            {
                string label = lines[i].Series.LabelText.Length == 0 ? "value" : lines[i].Series.LabelText;
                html.Append($"<li><i style=\"background:{SvgChart.Colour(i)}\"></i>{H(label)} = {lines[i].Series.LastValue:0.###}</li>");
            }
            if (lines.Count > SvgChart.MaxLines) html.Append($"<li>… and {lines.Count - SvgChart.MaxLines} more series (see /api/v1/metrics?name={H(group.Key)})</li>");
            html.Append("</ul></figure>");
        }
        html.Append("</div></section>");
    }

    private static string Trim(string message)
    {
        var lines = message.Split('\n');
        return lines.Length <= 6 ? message.TrimEnd() : string.Join('\n', lines.Take(6)).TrimEnd() + "\n…";
    }

    internal static string Ago(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span.TotalMinutes < 1) return $"{(int)span.TotalSeconds}s";
        if (span.TotalHours < 1) return $"{(int)span.TotalMinutes}m";
        if (span.TotalDays < 1) return $"{(int)span.TotalHours}h {span.Minutes}m";
        return $"{(int)span.TotalDays}d {span.Hours}h";
    }

    /// <summary>A link to one of this server's pages that keeps <c>?token=</c>: a browser has no other way to send it.</summary>
    private string Link(string path, string? query = null)
    {
        var parts = new[] { query, token is null ? null : $"token={WebUtility.UrlEncode(token)}" }.OfType<string>().ToList();
        return parts.Count == 0 ? path : $"{path}?{string.Join('&', parts)}";
    }

    private static string H(string text) => WebUtility.HtmlEncode(text);
}
