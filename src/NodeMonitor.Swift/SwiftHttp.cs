using NodeMonitor.Core.Reporting.Central;
using RestSharp;

namespace NodeMonitor.Swift;

/// <summary>RestSharp with a deadline on every request: a hung server costs the remaining time, never more, and every
/// transport failure becomes a <see cref="CentralDeliveryException"/> naming what was attempted.</summary>
internal sealed class SwiftHttp : IDisposable
{
    private readonly RestClient _http = new(new RestClientOptions { ThrowOnAnyError = false, UserAgent = "nodemonitor" });

    /// <param name="what">Names the request in errors, e.g. "PUT c/o" or "authentication at https://…".</param>
    /// <param name="service">Who was asked, first word of every error: "Swift" or "Keystone".</param>
    public async Task<RestResponse> ExecuteAsync(RestRequest request, DateTime deadlineUtc, CancellationToken ct, string what,
        string service = "Swift")
    {
        var remaining = deadlineUtc - DateTime.UtcNow;
        if (remaining <= TimeSpan.Zero) throw new CentralDeliveryException($"{service} {what}: deadline passed before the request");
        request.Timeout = remaining;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        linked.CancelAfter(remaining);
        RestResponse response;
        try
        {
            response = await _http.ExecuteAsync(request, linked.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CentralDeliveryException($"{service} {what}: no answer within {remaining.TotalSeconds:0.#} s");
        }
        if (response.ResponseStatus == ResponseStatus.TimedOut || (response.ResponseStatus == ResponseStatus.Aborted && !ct.IsCancellationRequested))
            throw new CentralDeliveryException($"{service} {what}: no answer within {remaining.TotalSeconds:0.#} s");
        if (response.StatusCode == 0)
            throw new CentralDeliveryException($"{service} {what}: {response.ErrorException?.Message ?? response.ErrorMessage ?? "no response"}");
        return response;
    }

    public static string? Header(RestResponse response, string name) =>
        response.Headers?.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value?.ToString();

    public void Dispose() => _http.Dispose();
}
