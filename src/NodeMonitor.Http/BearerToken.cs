using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace NodeMonitor.Http;

/// <summary>Rejects requests without the configured token. A browser cannot send a header from the address bar,
/// so <c>?token=</c> is accepted too (the dashboard keeps it in its own links).</summary>
public static class BearerToken
{
    /// <param name="setting">The setting that holds the token, named in the refusal.</param>
    public static Func<HttpContext, RequestDelegate, Task> Require(string token, string setting = "serve.token")
    {
        byte[] expected = Encoding.UTF8.GetBytes(token);
        return async (context, next) =>
        {
            string? given = FromHeader(context.Request.Headers.Authorization.ToString()) ?? context.Request.Query["token"].FirstOrDefault();
            if (given is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), expected))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"nodemonitor\"";
                await context.Response.WriteAsync($"401 Unauthorized: send Authorization: Bearer <{setting}>\n");
                return;
            }
            await next(context);
        };
    }

    /// <summary>The credentials of an <c>Authorization: Bearer TOKEN</c> header; the scheme is matched in any case and
    /// may be followed by several spaces (RFC 7235 section 2.1).</summary>
    internal static string? FromHeader(string header)
    {
        const string Scheme = "Bearer";
        if (header.Length <= Scheme.Length || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header[Scheme.Length] != ' ')
            return null;
        return header[Scheme.Length..].Trim(' ');
    }
}
