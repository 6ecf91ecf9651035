using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Swift.Tests.RealServer;

/// <summary>Every way authentication can fail ends in a message that helps (auth URL, who, status) and holds no secret.</summary>
[Category("Integration")]
public sealed class SecretsInErrorsTests
{
    private const string Password = "pw-in-no-message-1";
    private const string Secret = "secret-in-no-message-2";
    private const string Key = "key-in-no-message-3";
    private const string Token = "AUTH_tk-in-no-message-4";

    [Test]
    public async Task NoAuthenticationErrorContainsAPasswordSecretKeyOrToken()
    {
        await using var keystone = await KeystoneStandIn.StartAsync();
        var password = KeystoneSetup.Password(keystone, Password);
        var credential = KeystoneSetup.ApplicationCredential(keystone, Secret);
        var unreachable = password with { AuthUrl = "http://127.0.0.1:9/v3" };
        var unreachableCredential = credential with { AuthUrl = "http://127.0.0.1:9/v3" };
        var messages = new List<string>
        {
            await FailureAsync(password),
            await FailureAsync(credential),
            await FailureAsync(unreachable),
            await FailureAsync(unreachableCredential),
            await FailureAsync(TempAuth.Settings(Key)),
            await FailureAsync(TempAuth.Settings(Key) with { AuthUrl = "http://127.0.0.1:9/auth/v1.0" }),
        };
        keystone.Catalog = () => [];
        messages.Add(await FailureAsync(KeystoneSetup.Password(keystone, KeystoneStandIn.Password)));
        keystone.Catalog = () => KeystoneStandIn.CatalogWith(("public", "RegionOne", RealSwift.StorageUrl));
        keystone.IssueToken = () => Task.FromResult(Token);
        messages.Add(await FailureAsync(KeystoneSetup.Password(keystone, KeystoneStandIn.Password)));

        TestContext.Out.WriteLine(string.Join("\n", messages));
        Assert.That(messages, Has.None.Contains(Password).And.None.Contains(Secret).And.None.Contains(Key).And.None.Contains(Token)
            .And.None.Contains(KeystoneStandIn.Password));
        Assert.That(messages.Take(4), Has.All.Contains(":9/v3").Or.Contains(keystone.AuthUrl));
        Assert.That(messages[0], Does.Contain("user 'nodemon'"));
        Assert.That(messages[1], Does.Contain(KeystoneSetup.CredentialId));
        Assert.That(messages[4], Does.Contain("user 'test:tester'").And.Contain("401"));
    }

    [Test]
    public void SettingsPrintWithoutTheirSecrets()
    {
        var printed = new[]
        {
            TempAuth.Settings(Key).ToString(),
            (new SwiftSettings("https://k/v3", "u", Password) { Keystone = new KeystoneSettings { ApplicationCredentialSecret = Secret } }).ToString(),
            new SwiftSession(Token, "http://s/v1/AUTH_x", null).ToString(),
        };

        Assert.That(printed, Has.None.Contains(Key).And.None.Contains(Password).And.None.Contains(Secret).And.None.Contains(Token));
    }

    private static async Task<string> FailureAsync(SwiftSettings settings)
    {
        using var client = new SwiftClient(settings);
        try
        {
            await KeystoneSetup.UploadAsync(client);
        }
        catch (CentralDeliveryException e)
        {
            return e.Message;
        }
        Assert.Fail($"{settings} did not fail");
        return "";
    }
}
