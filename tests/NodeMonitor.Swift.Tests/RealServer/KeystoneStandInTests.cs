namespace NodeMonitor.Swift.Tests.RealServer;

/// <summary>Tests that authenticate through a fresh Keystone stand-in, started before and stopped after each test.</summary>
[Category("Integration")]
public abstract class KeystoneStandInTests
{
    protected KeystoneStandIn Keystone { get; private set; } = null!;

    [SetUp]
    public async Task StartKeystone() => Keystone = await KeystoneStandIn.StartAsync();

    [TearDown]
    public async Task StopKeystone() => await Keystone.DisposeAsync();
}
