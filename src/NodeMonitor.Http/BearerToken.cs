using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace NodeMonitor.Http;

/// <summary>Rejects requests without the configured token. A browser cannot send a header from the address bar,
/// so <c>?token=</c> is accepted too (the dashboard keeps it in its own links).</summary>
internal static class BearerToken
{
    public static Func<HttpContext, RequestDelegate, Task> Require(string token)
    {
        byte[] expected = Encoding.UTF8.GetBytes(token);
        return async (context, next) =>
        {
            string? given = context.Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal)
                ? header["Bearer ".Length..].Trim()
                : context.Request.Query["token"].FirstOrDefault();
            if (given is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), expected))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"nodemonitor\"";
                await context.Response.WriteAsync("401 Unauthorized: send Authorization: Bearer <serve.token>\n");
                return;
            }
            await next(context);
        };
    }
}
