using NodeMonitor.Checks;

namespace NodeMonitor.Checks.Tests.Nagios;

/// <summary>The author-side helper against Debian's monitoring-plugins (package monitoring-plugins-basic).</summary>
[Parallelizable(ParallelScope.All)]
public sealed class NagiosCheckTests
{
    private const string Plugins = "/usr/lib/nagios/plugins";

    [TestCase(0, NagiosState.Ok)]
    [TestCase(1, NagiosState.Warning)]
    [TestCase(2, NagiosState.Critical)]
    [TestCase(3, NagiosState.Unknown)]
    public void CheckReturnsThePluginsState(int code, NagiosState state)
    {
        var result = NodeMonitor.Checks.Nagios.Check($"{Plugins}/check_dummy {code} hello");
        Assert.That((result.State, result.ExitCode), Is.EqualTo((state, (int?)code)));
        Assert.That(result.Message, Does.EndWith("hello"));
    }

    [Test]
    public void CheckLoadIsOkWithItsPerfData()
    {
        var result = NodeMonitor.Checks.Nagios.AssertOk($"{Plugins}/check_load -w 1000 -c 2000");
        Assert.That(result.PerfData, Does.Contain("load1="));
        Assert.That(result.Message, Does.Not.Contain("|"));
    }

    [Test]
    public void AFailedAssertionShowsTheStateMessageAndCommand()
    {
        var failure = Assert.Throws<AssertionException>(() => Assert.That(NodeMonitor.Checks.Nagios.Check($"{Plugins}/check_dummy 2 'disk on fire'"), NagiosIs.Ok))!;
        Assert.That(failure.Message, Does.Contain("Expected: OK").And.Contain("CRITICAL (exit 2): CRITICAL: disk on fire").And.Contain("check_dummy"));
    }

    [Test]
    public void NotCriticalAcceptsAWarning() =>
        Assert.That(NodeMonitor.Checks.Nagios.Check($"{Plugins}/check_dummy 1 warm"), NagiosIs.NotCritical);

    [Test]
    public void AMissingPluginIsUnknownNamingThePath()
    {
        var result = NodeMonitor.Checks.Nagios.Check($"{Plugins}/check_nothing_here -w 1");
        Assert.That(result.State, Is.EqualTo(NagiosState.Unknown));
        Assert.That(result.Message, Is.EqualTo($"plugin not found: {Plugins}/check_nothing_here"));
    }

    [Test]
    public void APluginPastItsTimeoutIsKilledAndUnknown()
    {
        var result = NodeMonitor.Checks.Nagios.Check("sleep 30", TimeSpan.FromMilliseconds(300));
        Assert.That((result.State, result.ExitCode), Is.EqualTo((NagiosState.Unknown, (int?)null)));
        Assert.That(result.Message, Does.StartWith("timed out"));
    }

    [Test]
    public void PerfDataOnLaterLinesIsCollectedAndLongTextKept()
    {
        var result = NodeMonitor.Checks.Nagios.Parse("x", 0, "OK - fine | a=1\nline one\nline two | b=2s\nc=3%\n", "");
        Assert.That((result.Message, result.LongOutput, result.PerfData), Is.EqualTo(("OK - fine", "line one\nline two", "a=1 b=2s c=3%")));
    }

    [Test]
    public void PerfDataOfACheckInsideATestIsRecordedAsMetricsLikeAnNrpeCommand()
    {
        NodeMonitor.Checks.Nagios.Check("printf 'OK - fine | time=250ms;500;1000;0 hits=17c\\n'");

        var recorded = TestContext.CurrentContext.Test.Properties["nodemonitor.metric"].Cast<string>().ToList();
        Assert.That(recorded, Has.Count.EqualTo(2));
        Assert.That(recorded[0], Does.Contain("\"name\":\"nagios_time_seconds\"").And.Contain("\"value\":0.25")
            .And.Contain("\"unit\":\"seconds\"").And.Contain("\"command\":\"printf\""));
        Assert.That(recorded[1], Does.Contain("\"name\":\"nagios_hits_total\"").And.Contain("\"total\":true"));
    }
}
