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

    public IResult Status(HttpContext context) => Checked(context, [], _ => Results.Json(
        new StatusDocument(options.Node, results.LastRun(), results.CurrentStates(), CentralJson.Of(central.Read(), clock.GetUtcNow())),
        WebJson.Of<StatusDocument>()));

    public IResult Runs(HttpContext context) => Checked(context, ["since", "limit"], query =>
    {
        var since = query.Time("since");
        int limit = query.WholeNumber("limit", 1, MaxRuns) ?? DefaultRuns;
        return Results.Json(results.Runs(since, limit), WebJson.Of<IReadOnlyList<StoredRun>>());
    });

    public IResult MetricPoints(HttpContext context) => Checked(context, ["name", "labels", "from", "to"], query =>
    {
        var now = clock.GetUtcNow();
        string? name = query.Text("name");
        IReadOnlyDictionary<string, string> selector;
        try
        {
            selector = MetricLabels.ParseSelector(query.Text("labels"));
        }
        catch (FormatException e)
        {
            throw new BadParameterException("labels", e.Message);
        }
        var start = query.Time("from") ?? now.AddHours(-1);
        var end = query.Time("to") ?? now;
        if (start > end) throw new BadParameterException("from", "is after 'to'");
        return Results.Json(metrics.Points(string.IsNullOrEmpty(name) ? null : name, selector, start, end, now), WebJson.Of<IReadOnlyList<SeriesPoints>>());
    });

    public async Task<IResult> Dashboard(HttpContext context, string? window)
    {
        var chosen = DashboardWindow.Parse(window);
        var silences = options.Silences is { } source ? await source.CurrentAsync(context.RequestAborted) : null;
        var now = clock.GetUtcNow();
        string? token = context.Request.Query["token"].FirstOrDefault();
        var page = new DashboardPage(options.Node, now, chosen, token).Render(
            results.LastRun(), results.CurrentStates(), metrics.Points(null, null, now - chosen.Span, now, now), central.Read(), silences);
        return Results.Content(page, "text/html; charset=utf-8");
    }

    private const int DefaultRuns = 50;
    private const int MaxRuns = 1000;

    /// <summary>Answers 400 with a JSON error naming the parameter for anything <see cref="ApiQuery"/> refuses.</summary>
    private static IResult Checked(HttpContext context, string[] parameters, Func<ApiQuery, IResult> answer)
    {
        try
        {
            return answer(new ApiQuery(context.Request.Query, parameters));
        }
        catch (BadParameterException e)
        {
            return e.ToResult();
        }
    }
}
