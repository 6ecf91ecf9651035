using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Storage;
using NodeMonitor.Metrics;

namespace NodeMonitor.Http;

/// <summary>The handlers behind each route; each reads one snapshot of the store.</summary>
internal sealed class WebEndpoints(WebViewOptions options, LocalStore results, MetricStore metrics, CentralStatusReader central,
    TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public IResult Health()
    {
        var last = results.LastRun();
        if (last is null) return Results.Text("no run stored yet\n", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
        var c = last.Counts;
        string body = $"{(last.Passed ? "ok" : "failing")}: run {last.RunId} at {last.EndTime:u}, {c.Failed} failed of {c.Total}" +
                      $"{(last.Plugins.Any(p => p.Status != Core.Results.PluginStatus.Completed) ? ", a plugin errored" : "")}\n";
        return Results.Text(body, "text/plain", statusCode: last.Passed ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    public IResult PrometheusText() =>
        Results.Text(PrometheusExposition.Write(metrics.Series(), results.CurrentStates(), results.LastRun()),
            PrometheusExposition.ContentType);

    public IResult Status() => Results.Json(new
    {
        node = options.Node,
        lastRun = results.LastRun(),
        states = results.CurrentStates(),
        central = CentralJson.Of(central.Read(), clock.GetUtcNow()),
    }, Json);

    public IResult Runs(string? since, int? limit)
    {
        var from = since is null ? (DateTimeOffset?)null : ParseTime(since, "since");
        return Results.Json(results.Runs(from, Math.Clamp(limit ?? 50, 1, 1000)), Json);
    }

    public IResult MetricPoints(string? name, string? from, string? to, string? labels)
    {
        var now = clock.GetUtcNow();
        IReadOnlyDictionary<string, string> selector;
        DateTimeOffset start, end;
        try
        {
            selector = MetricLabels.ParseSelector(labels);
            start = from is null ? now.AddHours(-1) : ParseTime(from, "from");
            end = to is null ? now : ParseTime(to, "to");
        }
        catch (FormatException e)
        {
            return Results.Json(new { error = e.Message }, Json, statusCode: StatusCodes.Status400BadRequest);
        }
        return Results.Json(metrics.Points(string.IsNullOrEmpty(name) ? null : name, selector, start, end, now), Json);
    }

    public IResult Dashboard(HttpContext context, string? window)
    {
        var chosen = DashboardWindow.Parse(window);
        var now = clock.GetUtcNow();
        string? token = context.Request.Query["token"].FirstOrDefault();
        var page = new DashboardPage(options.Node, now, chosen, token).Render(
            results.LastRun(), results.CurrentStates(), metrics.Points(null, null, now - chosen.Span, now, now), central.Read());
        return Results.Content(page, "text/html; charset=utf-8");
    }

    /// <summary>ISO 8601 (2026-01-31T12:00:00Z) or Unix seconds, the two forms scripts and Grafana send.</summary>
    private static DateTimeOffset ParseTime(string text, string parameter)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
            return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return time;
        throw new FormatException($"'{parameter}' must be an ISO 8601 time or Unix seconds, found \"{text}\"");
    }
}
