using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Etcd;
using NodeMonitor.Tests.Shared;

namespace NodeMonitor.Http.Tests;

/// <summary>The dashboard against a real etcd: a failing check that a silence covers shows as silenced, by whom, until
/// when; an unreachable etcd leaves the page whole and says silences are unknown.</summary>
[Category("Integration")]
public sealed class DashboardSilencesTests
{
    private static readonly IReadOnlyDictionary<string, string> RackR1 = new Dictionary<string, string> { ["rack"] = "r1" };
    private string _prefix = null!;

    [SetUp]
    public void SetUp() => _prefix = $"/nmtest-{Guid.NewGuid():N}/";

    [Test]
    public async Task AFailingCheckASilenceCoversShowsSilencedByWhomUntilWhenInTheBrowser()
    {
        using var client = EtcdConnection.Create(Settings(HttpEtcd.Url));
        var store = new EtcdSilences(client, Settings(HttpEtcd.Url));
        var silence = await AddAsync(store, new SilenceRequest("node-*", "disk", "*FreeSpace", null, DateTimeOffset.UtcNow.AddHours(2), "alice", "disk swap"));
        await AddAsync(store, new SilenceRequest("other-node", null, null, null, DateTimeOffset.UtcNow.AddHours(2), "bob", "not this node"));
        await using var node = new ServedNode();
        node.StoreRun(failing: true);
        await node.StartAsync(silences: Silences(store));

        string dom = await HeadlessChromium.DumpDomAsync(node.Address.ToString());
        var rows = dom.Split("<tr class=\"").Skip(1).ToList();
        var failing = rows.Single(r => r.Contains(ServedNode.FailingTest, StringComparison.Ordinal));
        Assert.That(failing, Does.StartWith("Failed").And.Contain(
            $"silenced by alice until {silence.EndsAt.ToUniversalTime():yyyy-MM-dd HH:mm} UTC — disk swap"));
        Assert.That(rows.Where(r => r != failing), Has.None.Contain("silenced by"), "a passing check is never marked");
        Assert.That(dom, Does.Not.Contain("bob").And.Not.Contain("Silences unknown"));
    }

    [Test]
    public async Task ASilenceByLabelCoversTheNodeWhoseConfiguredLabelsMatch()
    {
        using var client = EtcdConnection.Create(Settings(HttpEtcd.Url));
        var store = new EtcdSilences(client, Settings(HttpEtcd.Url));
        await AddAsync(store, new SilenceRequest(null, null, null, null, DateTimeOffset.UtcNow.AddHours(1), "carol", "rack r1 power")
        {
            Labels = new Dictionary<string, string> { ["rack"] = "r*" },
        });
        Assert.That(await PageAsync(Silences(store, RackR1)), Does.Contain("silenced by carol"));
        Assert.That(await PageAsync(Silences(store, new Dictionary<string, string> { ["rack"] = "q2" })), Does.Not.Contain("silenced by"));
    }

    [Test]
    public async Task WithEtcdUnreachableThePageStillRendersAndSaysSilencesAreUnknown()
    {
        var nowhere = Settings($"http://127.0.0.1:{LoopbackPorts.Take(1)[0]}");
        using var client = EtcdConnection.Create(nowhere);
        string page = await PageAsync(Silences(new EtcdSilences(client, nowhere)));
        Assert.That(page, Does.Contain("Silences unknown").And.Contain(ServedNode.FailingTest).And.Contain("But was: 3 %"));
    }

    [Test]
    public async Task SilencesAreReadAtMostOncePerPeriod()
    {
        using var client = EtcdConnection.Create(Settings(HttpEtcd.Url));
        var store = new EtcdSilences(client, Settings(HttpEtcd.Url));
        var kept = Silences(store, keepFor: TimeSpan.FromHours(1));
        var fresh = Silences(store, keepFor: TimeSpan.Zero);
        Assert.That((await kept.CurrentAsync(CancellationToken.None)).Silences, Is.Empty);
        await AddAsync(store, new SilenceRequest("node-a", null, null, null, DateTimeOffset.UtcNow.AddHours(1), "alice", "swap"));
        Assert.That((await kept.CurrentAsync(CancellationToken.None)).Silences, Is.Empty, "kept from the first read");
        Assert.That((await fresh.CurrentAsync(CancellationToken.None)).Silences, Has.Count.EqualTo(1));
    }

    private async Task<string> PageAsync(DashboardSilences silences)
    {
        await using var node = new ServedNode();
        node.StoreRun(failing: true);
        await node.StartAsync(silences: silences);
        using var response = await node.Client.GetAsync(node.Address);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        return await response.Content.ReadAsStringAsync();
    }

    private static DashboardSilences Silences(ISilenceStore store, IReadOnlyDictionary<string, string>? labels = null, TimeSpan? keepFor = null) =>
        new(store, labels ?? new Dictionary<string, string>(), DashboardSilences.DefaultDeadline, keepFor ?? DashboardSilences.DefaultKeepFor, TimeProvider.System);

    private static async Task<Silence> AddAsync(ISilenceStore store, SilenceRequest request)
    {
        var silence = request.Create(DateTimeOffset.UtcNow, TimeSpan.FromDays(7));
        await store.AddAsync(silence, DateTime.UtcNow.AddSeconds(3), CancellationToken.None);
        return silence;
    }

    private EtcdSettings Settings(string url) => new([url]) { Prefix = _prefix, Deadline = TimeSpan.FromSeconds(3) };
}
