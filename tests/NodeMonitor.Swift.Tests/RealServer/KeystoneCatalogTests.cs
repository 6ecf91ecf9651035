using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Swift.Tests.RealServer;

/// <summary>Only the endpoint the settings choose points at the real Swift; any other choice fails to upload.</summary>
[Category("Integration")]
public sealed class KeystoneCatalogTests : KeystoneStandInTests
{
    [Test]
    public async Task TheInternalInterfaceSelectsTheInternalEndpoint()
    {
        Keystone.Catalog = () => KeystoneStandIn.CatalogWith(
            ("public", "RegionOne", KeystoneStandIn.WrongStorageUrl), ("internal", "RegionOne", RealSwift.StorageUrl));
        var settings = KeystoneSetup.Password(Keystone);
        settings = settings with { Keystone = settings.Keystone! with { Interface = EndpointInterface.Internal } };
        using var client = new SwiftClient(settings);

        await KeystoneSetup.UploadAsync(client);

        Assert.That(await KeystoneSetup.HeadAsync(settings.Container), Is.EqualTo(200));
    }

    [Test]
    public async Task TheRegionSelectsAmongRegionsAndThePublicInterfaceIsTheDefault()
    {
        Keystone.Catalog = () => KeystoneStandIn.CatalogWith(
            ("public", "RegionOne", KeystoneStandIn.WrongStorageUrl), ("internal", "RegionTwo", KeystoneStandIn.WrongStorageUrl),
            ("public", "RegionTwo", RealSwift.StorageUrl));
        var settings = KeystoneSetup.Password(Keystone);
        settings = settings with { Keystone = settings.Keystone! with { Region = "RegionTwo" } };
        using var client = new SwiftClient(settings);

        await KeystoneSetup.UploadAsync(client);

        Assert.That(await KeystoneSetup.HeadAsync(settings.Container), Is.EqualTo(200));
    }

    [Test]
    public void SeveralRegionsWithoutARegionSettingIsAnErrorThatSaysWhichKeyToSet()
    {
        Keystone.Catalog = () => KeystoneStandIn.CatalogWith(
            ("public", "RegionOne", RealSwift.StorageUrl), ("public", "RegionTwo", KeystoneStandIn.WrongStorageUrl));
        using var client = new SwiftClient(KeystoneSetup.Password(Keystone));

        var error = Assert.ThrowsAsync<CentralDeliveryException>(() => KeystoneSetup.UploadAsync(client))!;

        Assert.That(error.Message, Does.Contain("RegionOne, RegionTwo").And.Contain("swift.region"));
    }

    [Test]
    public void ACatalogWithoutObjectStoreIsAClearError()
    {
        Keystone.Catalog = () => [KeystoneStandIn.CatalogWith()[0]!.DeepClone()];
        using var client = new SwiftClient(KeystoneSetup.Password(Keystone));

        var error = Assert.ThrowsAsync<CentralDeliveryException>(() => KeystoneSetup.UploadAsync(client))!;

        Assert.That(error.Message, Does.Contain("no object-store endpoint"));
        Assert.That(error.Message, Does.Contain(Keystone.AuthUrl));
    }

    [Test]
    public void ARegionWithoutTheInterfaceIsAnErrorListingWhatTheCatalogOffers()
    {
        Keystone.Catalog = () => KeystoneStandIn.CatalogWith(("internal", "RegionOne", RealSwift.StorageUrl));
        var settings = KeystoneSetup.Password(Keystone);
        settings = settings with { Keystone = settings.Keystone! with { Region = "RegionOne" } };
        using var client = new SwiftClient(settings);

        var error = Assert.ThrowsAsync<CentralDeliveryException>(() => KeystoneSetup.UploadAsync(client))!;

        Assert.That(error.Message, Does.Contain("no public object-store endpoint in region RegionOne; it offers: internal in RegionOne"));
    }
}
