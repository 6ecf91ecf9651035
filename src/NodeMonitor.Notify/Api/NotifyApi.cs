using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NodeMonitor.Central;
using NodeMonitor.Http;

namespace NodeMonitor.Notify;

/// <summary>
/// notify's HTTP API, so a chat bot needs no etcd credentials: <c>GET /api/v1/failures</c> (the records seen through
/// the silences), <c>GET/POST /api/v1/silences</c>, <c>DELETE /api/v1/silences/{id}</c>, <c>/metrics</c> and
/// <c>/healthz</c>. Every request carries the bearer token (<c>notify.token</c>); without a token the API does not start.
/// It reads and writes etcd directly, so a standby instance answers too.
/// </summary>
public static class NotifyApi
{
    public static WebApplication Build(string address, int port, string token, NotifyApiEndpoints endpoints)
    {
        var app = SlimWebHost.Create("nodemonitor-notify", address, port).Build();
        app.Use(BearerToken.Require(token, "notify.token"));
        app.MapGet("/healthz", endpoints.Health);
        app.MapGet("/metrics", endpoints.Metrics);
        app.MapGet("/api/v1/failures", endpoints.FailuresAsync);
        app.MapGet("/api/v1/silences", endpoints.SilencesAsync);
        app.MapPost("/api/v1/silences", endpoints.AddSilenceAsync);
        app.MapDelete("/api/v1/silences/{id}", endpoints.RemoveSilenceAsync);
        return app;
    }
}
