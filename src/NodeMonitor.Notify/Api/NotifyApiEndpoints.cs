using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Notify;

/// <summary>What a chat bot sends to add a silence: a duration (<c>2h</c>) or an end time, and who and why; label
/// matchers as <c>{"rack": "r1*"}</c>.</summary>
public sealed record SilenceBody(string? Node, string? Plugin, string? Test, string? Duration, DateTimeOffset? EndsAt, DateTimeOffset? StartsAt,
    string? Author, string? Reason, IReadOnlyDictionary<string, string>? Labels = null);

/// <summary>The handlers of <see cref="NotifyApi"/>. An etcd failure is a 503 with its one-line reason; a refused silence a 400.</summary>
public sealed class NotifyApiEndpoints(EtcdFailureRecords records, EtcdNodeLabels labels, ISilenceStore silences, TimeSpan maxSilence, TimeSpan callDeadline,
    NotifyMetrics metrics, Func<bool> leading, Action silencesChanged, TimeProvider clock)
{
    public IResult Health() => Results.Json(new HealthJson("ok", leading()), NotifyApiJson.Default.HealthJson);

    public IResult Metrics() => Results.Text(metrics.PrometheusText(), "text/plain; version=0.0.4; charset=utf-8");

    public Task<IResult> FailuresAsync(CancellationToken ct) => Etcd(async deadline =>
    {
        var all = await silences.ListAsync(deadline, ct);
        var now = clock.GetUtcNow();
        var failing = await records.ListAsync(deadline, ct);
        var nodeLabels = await labels.ReadIfNeededAsync(all, failing.Select(r => r.Node), now, deadline, ct);
        var list = failing.Select(r => FailureJson.Of(SilencedFailure.Of(r, all, now, nodeLabels.GetValueOrDefault(r.Node)))).ToList();
        return Results.Json(list, NotifyApiJson.Default.ListFailureJson);
    });

    public Task<IResult> SilencesAsync(HttpRequest request, CancellationToken ct) => Etcd(async deadline =>
    {
        bool all = request.Query["all"] is { Count: > 0 } a && a[0] is "1" or "true";
        var now = clock.GetUtcNow();
        return Results.Json((await silences.ListAsync(deadline, ct)).Where(s => all || s.EndsAt > now).ToList(), NotifyApiJson.Default.ListSilence);
    });

    public async Task<IResult> AddSilenceAsync(HttpRequest request, CancellationToken ct)
    {
        SilenceBody? body;
        try
        {
            body = await request.ReadFromJsonAsync(NotifyApiJson.Default.SilenceBody, ct);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return Problem(StatusCodes.Status400BadRequest, $"expected a JSON object with node, duration (or endsAt), reason and author: {e.Message}");
        }
        Silence silence;
        try
        {
            if (body is null) throw new SilenceRejectedException("expected a JSON object");
            var now = clock.GetUtcNow();
            var start = body.StartsAt ?? now;
            var end = body.EndsAt ?? start + SilenceDuration.Parse(body.Duration);
            silence = new SilenceRequest(body.Node, body.Plugin, body.Test, body.StartsAt, end, body.Author, body.Reason) { Labels = body.Labels }
                .Create(now, maxSilence);
        }
        catch (SilenceRejectedException e)
        {
            return Problem(StatusCodes.Status400BadRequest, e.Message);
        }
        return await Etcd(async deadline =>
        {
            await silences.AddAsync(silence, deadline, ct);
            silencesChanged();
            return Results.Json(silence, NotifyApiJson.Default.Silence, statusCode: StatusCodes.Status201Created);
        });
    }

    public Task<IResult> RemoveSilenceAsync(string id, CancellationToken ct) => Etcd(async deadline =>
    {
        try
        {
            if (!await silences.RemoveAsync(id, deadline, ct)) return Problem(StatusCodes.Status404NotFound, $"no silence {id}");
        }
        catch (SilenceRejectedException e)
        {
            return Problem(StatusCodes.Status404NotFound, e.Message);
        }
        silencesChanged();
        return Results.NoContent();
    });

    private async Task<IResult> Etcd(Func<DateTime, Task<IResult>> call)
    {
        try
        {
            return await call(DateTime.UtcNow + callDeadline);
        }
        catch (CentralDeliveryException e)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, e.Message);
        }
    }

    private static IResult Problem(int status, string message) => Results.Json(new ApiError(message, status), NotifyApiJson.Default.ApiError, statusCode: status);
}
