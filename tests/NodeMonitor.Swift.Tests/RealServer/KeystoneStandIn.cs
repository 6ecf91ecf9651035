using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NodeMonitor.Swift.Tests.RealServer;

/// <summary>
/// A local stand-in for Keystone's <c>POST /v3/auth/tokens</c> (a real Keystone is ~125 Debian packages plus uwsgi and a
/// database: too heavy here). It checks the request body the way the Identity v3 API defines it, accepts one password and
/// one application-credential secret, and answers like Keystone: 201, the token in X-Subject-Token, a body with
/// expires_at and a service catalog. The token it hands out is a real tempauth token from the real Swift, and the
/// catalog's chosen endpoint is the real Swift's storage URL, so an upload that works proves the client used both.
/// </summary>
public sealed class KeystoneStandIn : IAsyncDisposable
{
    public const string Password = "pa55-word-never-shown";
    public const string Secret = "app-cred-secret-never-shown";

    /// <summary>Where the catalog points endpoints that must not be chosen: nothing listens there.</summary>
    public const string WrongStorageUrl = "http://127.0.0.1:9/v1/AUTH_wrong";

    private readonly WebApplication _app;
    private readonly List<JsonObject> _requests = [];

    private KeystoneStandIn(WebApplication app) => _app = app;

    /// <summary>Identity v3 base URL, e.g. http://127.0.0.1:41234/v3.</summary>
    public string AuthUrl { get; private set; } = "";

    /// <summary>The service catalog of the next token.</summary>
    public Func<JsonArray> Catalog { get; set; } = () => CatalogWith(
        ("public", "RegionOne", RealSwift.StorageUrl), ("internal", "RegionOne", WrongStorageUrl), ("admin", "RegionOne", WrongStorageUrl));

    /// <summary>The X-Subject-Token of the next token (default: a real tempauth token).</summary>
    public Func<Task<string>> IssueToken { get; set; } = RealSwift.TempAuthTokenAsync;

    public Func<DateTimeOffset> ExpiresAt { get; set; } = () => DateTimeOffset.UtcNow.AddHours(1);

    /// <summary>The <c>auth</c> objects received, in order.</summary>
    public IReadOnlyList<JsonObject> Requests
    {
        get { lock (_requests) return _requests.ToList(); }
    }

    public static async Task<KeystoneStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new KeystoneStandIn(app);
        app.MapPost("/v3/auth/tokens", standIn.IssueAsync);
        await app.StartAsync();
        standIn.AuthUrl = app.Urls.Single() + "/v3";
        return standIn;
    }

    public static JsonArray CatalogWith(params (string Interface, string Region, string Url)[] objectStoreEndpoints) =>
    [
        new JsonObject
        {
            ["type"] = "identity", ["name"] = "keystone", ["id"] = "id-1",
            ["endpoints"] = new JsonArray(new JsonObject { ["interface"] = "public", ["region_id"] = "RegionOne", ["region"] = "RegionOne", ["url"] = "http://127.0.0.1:9/v3" }),
        },
        new JsonObject
        {
            ["type"] = "object-store", ["name"] = "swift", ["id"] = "os-1",
            ["endpoints"] = new JsonArray(objectStoreEndpoints.Select(e => (JsonNode)new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString("N"), ["interface"] = e.Interface, ["region_id"] = e.Region, ["region"] = e.Region, ["url"] = e.Url,
            }).ToArray()),
        },
    ];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task IssueAsync(HttpContext context)
    {
        JsonObject? auth;
        try
        {
            auth = (await JsonNode.ParseAsync(context.Request.Body))?["auth"] as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            auth = null;
        }
        if (auth is null)
        {
            await ErrorAsync(context, 400, "Expecting to find auth in request body.");
            return;
        }
        lock (_requests) _requests.Add(auth);
        if (KeystoneRequestShape.Problem(auth) is { } problem)
        {
            await ErrorAsync(context, 400, problem);
            return;
        }
        var identity = auth["identity"]!;
        bool accepted = identity["password"]?["user"]?["password"]?.GetValue<string>() == Password
            || identity["application_credential"]?["secret"]?.GetValue<string>() == Secret;
        if (!accepted)
        {
            await ErrorAsync(context, 401, "The request you have made requires authentication.");
            return;
        }
        context.Response.StatusCode = 201;
        context.Response.Headers["X-Subject-Token"] = await IssueToken();
        var body = new JsonObject
        {
            ["token"] = new JsonObject
            {
                ["methods"] = identity["methods"]!.DeepClone(),
                ["expires_at"] = ExpiresAt().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture),
                ["issued_at"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture),
                ["project"] = new JsonObject { ["id"] = "p-1", ["name"] = "ops", ["domain"] = new JsonObject { ["id"] = "default", ["name"] = "Default" } },
                ["catalog"] = Catalog(),
            },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static async Task ErrorAsync(HttpContext context, int code, string message)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["title"] = code == 401 ? "Unauthorized" : "Bad Request" },
        }.ToJsonString());
    }
}
