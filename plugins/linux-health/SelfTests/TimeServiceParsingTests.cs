using NodeMonitor.Plugins.LinuxHealth.Parsing;
using NUnit.Framework;

namespace NodeMonitor.Plugins.LinuxHealth.SelfTests;

[TestFixture]
[Category("self-test")]
public sealed class TimeServiceParsingTests
{
    private const string ChronySynchronised = """
        Reference ID    : C0A80001 (192.168.0.1)
        Stratum         : 3
        Ref time (UTC)  : Thu Nov 26 06:00:00 2026
        System time     : 0.000123456 seconds slow of NTP time
        Last offset     : +0.000012345 seconds
        RMS offset      : 0.000045678 seconds
        Frequency       : 1.234 ppm slow
        Leap status     : Normal
        """;

    private const string ChronyUnsynchronised = """
        Reference ID    : 00000000 ()
        Stratum         : 0
        System time     : 0.000000000 seconds fast of NTP time
        Leap status     : Not synchronised
        """;

    private const string Timesyncd = """
               Server: 185.125.190.56 (ntp.ubuntu.com)
        Poll interval: 34min 8s (min: 32s; max 34min 8s)
                 Leap: normal
              Version: 4
              Stratum: 2
        Root distance: 1.190ms (max: 5s)
               Offset: -2.118ms
                Delay: 30.645ms
        """;

    [Test]
    public void ChronySystemTimeSlowIsANegativeOffset()
    {
        var reading = ChronyTracking.Parse(ChronySynchronised);

        Assert.That(reading.IsSynchronised, Is.True);
        Assert.That(reading.OffsetSeconds, Is.EqualTo(-0.000123456).Within(1e-12));
        Assert.That(reading.Service, Is.EqualTo("chrony"));
    }

    [Test]
    public void ChronyWithoutASourceIsNotSynchronisedAndSaysWhy()
    {
        var reading = ChronyTracking.Parse(ChronyUnsynchronised);

        Assert.That(reading.IsSynchronised, Is.False);
        Assert.That(reading.NotSynchronisedReason, Does.Contain("Not synchronised"));
    }

    [Test]
    public void ChronyOutputWithoutSystemTimeIsAnError()
    {
        Assert.Throws<FormatException>(() => ChronyTracking.Parse("506 Cannot talk to daemon\n"));
    }

    [Test]
    public void TimesyncdOffsetIsReadWithItsSign()
    {
        var reading = TimesyncStatus.Parse(Timesyncd);

        Assert.That(reading.IsSynchronised, Is.True);
        Assert.That(reading.OffsetSeconds, Is.EqualTo(-0.002118).Within(1e-12));
    }

    [Test]
    public void TimesyncdWithoutAnOffsetLineHasNotSynchronisedYet()
    {
        var reading = TimesyncStatus.Parse("       Server: n/a (ntp.ubuntu.com)\nPoll interval: 0 (min: 32s; max 34min 8s)\n");

        Assert.That(reading.IsSynchronised, Is.False);
        Assert.That(reading.NotSynchronisedReason, Does.Contain("has not synchronised yet"));
    }

    [TestCase("+350us", 0.000350)]
    [TestCase("+350µs", 0.000350)]
    [TestCase("-2.118ms", -0.002118)]
    [TestCase("+1.5s", 1.5)]
    [TestCase("-1min 2.500s", -62.5)]
    [TestCase("+1h 1min", 3660)]
    [TestCase("800ns", 0.0000008)]
    public void SystemdTimeSpansAreConvertedToSeconds(string span, double seconds)
    {
        Assert.That(TimesyncStatus.ParseTimeSpanSeconds(span), Is.EqualTo(seconds).Within(1e-9));
    }

    [TestCase("")]
    [TestCase("2.1 parsecs")]
    [TestCase("5ms and then some")]
    public void AnythingElseIsNotATimeSpan(string span)
    {
        Assert.Throws<FormatException>(() => TimesyncStatus.ParseTimeSpanSeconds(span));
    }
}
