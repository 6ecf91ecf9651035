using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Storage;
using NodeMonitor.Metrics;

namespace NodeMonitor.Http;

/// <summary>
/// The local web server of <c>nodemonitor serve</c>: Kestrel with minimal APIs over the local store. It only
/// reads; every request opens its own read snapshot, so a run being written is seen whole or not at all.
/// </summary>
public static class WebView
{
    public static WebApplication Build(WebViewOptions options, LocalStore results, MetricStore metrics, TimeProvider clock)
    {
        var builder = SlimWebHost.Create("nodemonitor", options.Address, options.Port);
        builder.Services.AddSingleton(clock);
        var app = builder.Build();
        ErrorBodies.Use(app);
        if (options.Token is { Length: > 0 } token) app.Use(BearerToken.Require(token));

        // The central reporting state lives in the same store file; reading it costs etcd and Swift nothing.
        var central = CentralStatusReader.Open(Path.GetDirectoryName(results.DatabasePath)!);
        var pages = new WebEndpoints(options, results, metrics, central, clock);
        app.MapGet("/", pages.Dashboard);
        app.MapGet("/healthz", pages.Health);
        app.MapGet("/metrics", pages.PrometheusText);
        app.MapGet("/api/v1/status", pages.Status);
        app.MapGet("/api/v1/runs", pages.Runs);
        app.MapGet("/api/v1/metrics", pages.MetricPoints);
        return app;
    }
}
