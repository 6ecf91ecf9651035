using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Swift.Tests.RealServer;

/// <summary>Settings for a client that authenticates at the stand-in, in a container of the test's own.</summary>
public static class KeystoneSetup
{
    public const string UserName = "nodemon";
    public const string CredentialId = "3f2c9d0e8a7b4c1d";

    public static string NewContainer() => "swift-tests-" + Guid.NewGuid().ToString("N")[..8];

    public static SwiftSettings Password(KeystoneStandIn keystone, string password = KeystoneStandIn.Password) =>
        new SwiftSettings(keystone.AuthUrl, UserName, password)
        {
            AuthVersion = SwiftAuthVersion.V3,
            Keystone = new KeystoneSettings { UserDomain = "Default", Project = "ops", ProjectDomain = "Default" },
            Container = NewContainer(),
        };

    public static SwiftSettings ApplicationCredential(KeystoneStandIn keystone, string secret = KeystoneStandIn.Secret) =>
        new SwiftSettings(keystone.AuthUrl, null, null)
        {
            AuthVersion = SwiftAuthVersion.V3,
            Keystone = new KeystoneSettings { ApplicationCredentialId = CredentialId, ApplicationCredentialSecret = secret },
            Container = NewContainer(),
        };

    public static DateTime Deadline() => DateTime.UtcNow.AddSeconds(10);

    public static Task UploadAsync(SwiftClient client, string name = "probe.txt") =>
        client.PutObjectAsync(name, "hello"u8.ToArray(), "text/plain", null, Deadline(), CancellationToken.None);

    /// <summary>HTTP status of a HEAD on the object, asked of the real Swift with a token of its own.</summary>
    public static async Task<int> HeadAsync(string container, string name = "probe.txt")
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Head, $"{RealSwift.StorageUrl}/{container}/{name}");
        request.Headers.Add("X-Auth-Token", await RealSwift.TempAuthTokenAsync());
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }
}
