using NUnit.Framework;

namespace NodeMonitor.Samples.NetworkReachability;

/// <summary>Tests of the NM_REACH_TARGETS parsing; plugin.json keeps them out of node runs.</summary>
[TestFixture]
[Category("self-test")]
public sealed class ReachTargetTests
{
    [TestCase("db1:5432", "db1", 5432)]
    [TestCase("10.0.0.7:22", "10.0.0.7", 22)]
    [TestCase("[fd00::1]:443", "fd00::1", 443)]
    public void AHostPortEntryParsesIntoHostAndPort(string text, string host, int port)
    {
        Assert.That(ReachTarget.TryParse(text, out var target, out _), Is.True);
        Assert.That(target, Is.EqualTo(new ReachTarget(host, port)));
    }

    [TestCase("db1", "is not host:port")]
    [TestCase("db1:", "is not host:port")]
    [TestCase("db1:http", "no valid port")]
    [TestCase("db1:70000", "no valid port")]
    [TestCase("fd00::1:443", "brackets")]
    public void AMalformedEntryIsRejectedWithAReason(string text, string reason)
    {
        Assert.That(ReachTarget.TryParse(text, out _, out var error), Is.False);
        Assert.That(error, Does.Contain(reason).And.Contain(text));
    }

    [Test]
    public void TheListIsSplitOnCommasIgnoringBlanksAndSpaces()
    {
        Assert.That(ReachTarget.SplitList(" a:1, b:2,,"), Is.EqualTo(new[] { "a:1", "b:2" }));
        Assert.That(ReachTarget.SplitList(null), Is.Empty);
    }

    [Test]
    public void AnIpv6TargetIsPrintedInBrackets()
    {
        Assert.That(new ReachTarget("fd00::1", 443).ToString(), Is.EqualTo("[fd00::1]:443"));
    }
}
