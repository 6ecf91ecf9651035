using dotnet_etcd;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Etcd.Tests;

/// <summary>
/// A fixture against the test etcd with a client of its own and a key prefix no other test uses (<c>/nm-&lt;name&gt;-&lt;guid&gt;/</c>),
/// whose keys are removed after each test.
/// </summary>
public abstract class ScratchPrefixFixture(string name)
{
    protected EtcdSettings Settings { get; private set; } = null!;
    protected EtcdClient Client { get; private set; } = null!;

    [SetUp]
    public void OpenScratchPrefix()
    {
        Settings = new EtcdSettings([RealServices.EtcdUrl]) { Prefix = $"/nm-{name}-{Guid.NewGuid():N}/" };
        Client = EtcdConnection.Create(Settings);
    }

    [TearDown]
    public async Task RemoveScratchPrefix()
    {
        await Client.DeleteRangeAsync(Settings.Prefix, deadline: DateTime.UtcNow.AddSeconds(30));
        Client.Dispose();
    }
}
