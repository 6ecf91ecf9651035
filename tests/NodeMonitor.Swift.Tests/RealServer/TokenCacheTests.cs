using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Swift.Tests.RealServer;

[Category("Integration")]
public sealed class TokenCacheTests : KeystoneStandInTests
{
    [Test]
    public async Task OneTokenServesManyRequests()
    {
        using var client = new SwiftClient(KeystoneSetup.Password(Keystone));

        await KeystoneSetup.UploadAsync(client, "a.txt");
        await KeystoneSetup.UploadAsync(client, "b.txt");

        Assert.That(client.Authentications, Is.EqualTo(1));
        Assert.That(Keystone.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ATokenSwiftRefusesIsReplacedOnceAndTheRequestSucceeds()
    {
        int issued = 0;
        Keystone.IssueToken = async () => ++issued == 1 ? "AUTH_tk-revoked-000" : await RealSwift.TempAuthTokenAsync();
        var settings = KeystoneSetup.Password(Keystone);
        using var client = new SwiftClient(settings);

        await KeystoneSetup.UploadAsync(client);

        Assert.That(client.Authentications, Is.EqualTo(2));
        Assert.That(await KeystoneSetup.HeadAsync(settings.Container), Is.EqualTo(200));
    }

    [Test]
    public void ATokenSwiftKeepsRefusingFailsAfterOneRenewalWithoutShowingTheToken()
    {
        Keystone.IssueToken = () => Task.FromResult("AUTH_tk-never-valid-123");
        using var client = new SwiftClient(KeystoneSetup.Password(Keystone));

        var error = Assert.ThrowsAsync<CentralDeliveryException>(() => KeystoneSetup.UploadAsync(client))!;

        Assert.That(client.Authentications, Is.EqualTo(2));
        Assert.That(error.Message, Does.Contain("HTTP 401"));
        Assert.That(error.Message, Does.Not.Contain("AUTH_tk-never-valid-123"));
    }

    [Test]
    public async Task ATokenWithinAMinuteOfItsExpiryIsRenewedBeforeUse()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        Keystone.ExpiresAt = () => clock.GetUtcNow().AddMinutes(10);
        using var client = new SwiftClient(KeystoneSetup.Password(Keystone), clock);

        await KeystoneSetup.UploadAsync(client);
        clock.Advance(TimeSpan.FromMinutes(8.5));
        await KeystoneSetup.UploadAsync(client);
        int beforeTheLastMinute = client.Authentications;
        clock.Advance(TimeSpan.FromMinutes(1));
        await KeystoneSetup.UploadAsync(client);

        Assert.That(beforeTheLastMinute, Is.EqualTo(1));
        Assert.That(client.Authentications, Is.EqualTo(2));
    }

    [Test]
    public async Task ATempAuthTokenIsRenewedWhenTheExpiryItAnnouncedNears()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var client = new SwiftClient(TempAuth.Settings(), clock);

        await KeystoneSetup.UploadAsync(client);
        clock.Advance(TimeSpan.FromHours(12));
        await KeystoneSetup.UploadAsync(client);
        int halfWay = client.Authentications;
        clock.Advance(TimeSpan.FromHours(12)); // tempauth's default token life is 24 h
        await KeystoneSetup.UploadAsync(client);

        Assert.That(halfWay, Is.EqualTo(1));
        Assert.That(client.Authentications, Is.EqualTo(2));
    }
}

/// <summary>v1 settings for the real Swift's tempauth.</summary>
public static class TempAuth
{
    public static SwiftSettings Settings(string key = RealSwift.Key) =>
        new(RealSwift.AuthUrl, RealSwift.User, key) { Container = KeystoneSetup.NewContainer() };
}
