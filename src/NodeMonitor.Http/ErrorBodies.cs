using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.WebUtilities;

namespace NodeMonitor.Http;

/// <summary>
/// Every error answer the web view gives has a JSON body saying what is wrong, <c>{"error": "..."}</c>, like the 400s of
/// <see cref="ApiQuery"/>: also those ASP.NET Core would send empty (a route that does not exist, a method not allowed,
/// a parameter a handler could not bind).
/// </summary>
internal static class ErrorBodies
{
    public static void Use(WebApplication app) => app.UseStatusCodePages(Write);

    private static Task Write(StatusCodeContext context)
    {
        var http = context.HttpContext;
        int status = http.Response.StatusCode;
        string path = http.Request.Path.Value ?? "/";
        string error = status switch
        {
            StatusCodes.Status404NotFound => $"no such page: {path}; the web view serves {string.Join(", ", Routes(http))}",
            StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed on {path}; the web view only answers GET",
            StatusCodes.Status400BadRequest => $"bad request for {path}: check the query parameters",
            _ => $"{ReasonPhrases.GetReasonPhrase(status)} ({status}) for {path}",
        };
        return http.Response.WriteAsJsonAsync(new ErrorBody(error, status), WebJson.Of<ErrorBody>());
    }

    /// <summary>The routes mapped, as the application has them (so a page added later is listed too).</summary>
    private static IEnumerable<string> Routes(HttpContext http) =>
        http.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/')).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
}
