using NUnit.Framework;
using NodeMonitor.Central.Cluster;

namespace NodeMonitor.Central.Tests.Cluster;

public sealed class SmallMapTests
{
    [Test]
    public void LooksUpAndListsItsPairsInTheOrderRead()
    {
        var map = new SmallMap([new("rack", "r1"), new("role", "db")]);

        Assert.That(map["role"], Is.EqualTo("db"));
        Assert.That(map.TryGetValue("Role", out _), Is.False, "names are compared exactly");
        Assert.That(map.Keys, Is.EqualTo(new[] { "rack", "role" }));
        Assert.That(map, Is.EqualTo(new Dictionary<string, string> { ["rack"] = "r1", ["role"] = "db" }));
        Assert.Throws<KeyNotFoundException>(() => _ = map["dc"]);
    }
}
