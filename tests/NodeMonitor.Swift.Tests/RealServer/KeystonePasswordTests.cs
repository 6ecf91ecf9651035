using System.Text.Json.Nodes;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Swift.Tests.RealServer;

[Category("Integration")]
public sealed class KeystonePasswordTests : KeystoneStandInTests
{
    [Test]
    public async Task APasswordTokenUploadsToTheCatalogsStorageUrlWithTheIssuedToken()
    {
        var settings = KeystoneSetup.Password(Keystone);
        using var client = new SwiftClient(settings);

        await KeystoneSetup.UploadAsync(client);

        Assert.That(await client.StorageUrlAsync(KeystoneSetup.Deadline(), default), Is.EqualTo(RealSwift.StorageUrl));
        Assert.That(await KeystoneSetup.HeadAsync(settings.Container), Is.EqualTo(200));
        Assert.That(client.Authentications, Is.EqualTo(1));
    }

    [Test]
    public async Task TheRequestNamesTheUserAndProjectByNameInTheirDomains()
    {
        using var client = new SwiftClient(KeystoneSetup.Password(Keystone));

        await client.StorageUrlAsync(KeystoneSetup.Deadline(), default);

        var auth = Keystone.Requests.Single();
        Assert.That(auth["identity"]!["methods"]!.ToJsonString(), Is.EqualTo("""["password"]"""));
        Assert.That(auth["identity"]!["password"]!["user"]!.ToJsonString(), Is.EqualTo(
            $$"""{"name":"nodemon","domain":{"name":"Default"},"password":"{{KeystoneStandIn.Password}}"}"""));
        Assert.That(auth["scope"]!.ToJsonString(), Is.EqualTo("""{"project":{"name":"ops","domain":{"name":"Default"}}}"""));
    }

    [Test]
    public async Task UserAndProjectIdsAreSentAloneAndDomainIdsAsIds()
    {
        var byIds = KeystoneSetup.Password(Keystone) with
        {
            User = null,
            Keystone = new KeystoneSettings { UserId = "u-42", ProjectId = "p-7" },
        };
        var byDomainIds = KeystoneSetup.Password(Keystone) with
        {
            Keystone = new KeystoneSettings { UserDomainId = "default", Project = "ops", ProjectDomainId = "default" },
        };
        using (var client = new SwiftClient(byIds)) await client.StorageUrlAsync(KeystoneSetup.Deadline(), default);
        using (var client = new SwiftClient(byDomainIds)) await client.StorageUrlAsync(KeystoneSetup.Deadline(), default);

        var (ids, domainIds) = (Keystone.Requests[0], Keystone.Requests[1]);
        Assert.That(ids["identity"]!["password"]!["user"]!.ToJsonString(), Is.EqualTo(
            $$"""{"id":"u-42","password":"{{KeystoneStandIn.Password}}"}"""));
        Assert.That(ids["scope"]!.ToJsonString(), Is.EqualTo("""{"project":{"id":"p-7"}}"""));
        Assert.That(domainIds["identity"]!["password"]!["user"]!["domain"]!.ToJsonString(), Is.EqualTo("""{"id":"default"}"""));
        Assert.That(domainIds["scope"]!["project"]!["domain"]!.ToJsonString(), Is.EqualTo("""{"id":"default"}"""));
    }

    [Test]
    public void ARefusedPasswordNamesTheAuthUrlTheUserAndTheStatusButNotThePassword()
    {
        using var client = new SwiftClient(KeystoneSetup.Password(Keystone, password: "wrong-password-xyz"));

        var error = Assert.ThrowsAsync<CentralDeliveryException>(() => KeystoneSetup.UploadAsync(client))!;

        Assert.That(error.Message, Does.Contain(Keystone.AuthUrl + "/auth/tokens"));
        Assert.That(error.Message, Does.Contain("user 'nodemon' in domain Default"));
        Assert.That(error.Message, Does.Contain("HTTP 401"));
        Assert.That(error.Message, Does.Not.Contain("wrong-password-xyz"));
    }
}
