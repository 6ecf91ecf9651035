namespace NodeMonitor.Http.Tests;

/// <summary>Loads the dashboard in headless Chromium (Debian's package) and reads the DOM after scripts ran.</summary>
[Category("Integration")]
public sealed class DashboardBrowserTests
{
    [Test]
    public async Task TheDashboardShowsTheFailingTestFirstAndARenderedChart()
    {
        await using var node = new ServedNode();
        node.StoreHistory(TimeSpan.FromHours(6), TimeSpan.FromMinutes(5));
        node.StoreRun(failing: true);
        await node.StartAsync();
        string dom = await HeadlessChromium.DumpDomAsync(node.Address + "?window=6h");

        var rows = dom.Split("<tr class=\"").Skip(1).ToList();
        Assert.That(rows[0], Does.StartWith("Failed").And.Contain(ServedNode.FailingTest).And.Contain("But was: 3 %"));
        Assert.That(dom, Does.Contain("data-metric=\"disk_free_ratio\"").And.Match("<svg class=\"chart\" data-metric=\"disk_free_ratio\"[^>]*data-rendered=\"true\""));
    }
}
