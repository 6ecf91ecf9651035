using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Swift.Tests.RealServer;

[Category("Integration")]
public sealed class KeystoneApplicationCredentialTests : KeystoneStandInTests
{
    [Test]
    public async Task AnApplicationCredentialIdAndSecretUploadToTheCatalogsSwift()
    {
        var settings = KeystoneSetup.ApplicationCredential(Keystone);
        using var client = new SwiftClient(settings);

        await KeystoneSetup.UploadAsync(client);

        Assert.That(await KeystoneSetup.HeadAsync(settings.Container), Is.EqualTo(200));
        var auth = Keystone.Requests.Single();
        Assert.That(auth["identity"]!.ToJsonString(), Is.EqualTo(
            $$$"""{"methods":["application_credential"],"application_credential":{"id":"{{{KeystoneSetup.CredentialId}}}","secret":"{{{KeystoneStandIn.Secret}}}"}}"""));
        Assert.That(auth.ContainsKey("scope"), Is.False, "an application credential carries its own scope");
    }

    [Test]
    public async Task AnApplicationCredentialNamedByNameIsSentWithItsOwner()
    {
        var settings = KeystoneSetup.ApplicationCredential(Keystone) with
        {
            User = "nodemon",
            Keystone = new KeystoneSettings
            {
                ApplicationCredentialName = "node-reporter", UserDomain = "Default", ApplicationCredentialSecret = KeystoneStandIn.Secret,
            },
        };
        using var client = new SwiftClient(settings);

        await KeystoneSetup.UploadAsync(client);

        Assert.That(Keystone.Requests.Single()["identity"]!["application_credential"]!.ToJsonString(), Is.EqualTo(
            $$$"""{"name":"node-reporter","user":{"name":"nodemon","domain":{"name":"Default"}},"secret":"{{{KeystoneStandIn.Secret}}}"}"""));
    }

    [Test]
    public void ARefusedSecretNamesTheCredentialIdAndTheStatusButNotTheSecret()
    {
        using var client = new SwiftClient(KeystoneSetup.ApplicationCredential(Keystone, secret: "wrong-secret-xyz"));

        var error = Assert.ThrowsAsync<CentralDeliveryException>(() => KeystoneSetup.UploadAsync(client))!;

        Assert.That(error.Message, Does.Contain(Keystone.AuthUrl));
        Assert.That(error.Message, Does.Contain($"application credential {KeystoneSetup.CredentialId}"));
        Assert.That(error.Message, Does.Contain("HTTP 401"));
        Assert.That(error.Message, Does.Not.Contain("wrong-secret-xyz"));
    }
}
