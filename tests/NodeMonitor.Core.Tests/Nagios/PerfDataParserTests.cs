using NUnit.Framework;
using NodeMonitor.Core.Nagios;

namespace NodeMonitor.Core.Tests.Nagios;

public sealed class PerfDataParserTests
{
    [Test]
    public void CheckLoadsPerfDataGivesThreePlainValuesWithThresholds()
    {
        var (samples, errors) = PerfDataParser.Parse("load1=1.360;5.000;10.000;0; load5=1.850;5.000;10.000;0; load15=0.980;5.000;10.000;0; ");

        Assert.That(errors, Is.Empty);
        Assert.That(samples.Select(s => s.Label), Is.EqualTo(new[] { "load1", "load5", "load15" }));
        Assert.That(samples[0], Is.EqualTo(new PerfDataSample("load1", 1.36, PerfDataUnit.None, "", "5.000", "10.000", 0, null)));
    }

    [TestCase("t=250ms", 0.25, PerfDataUnit.Seconds)]
    [TestCase("t=1500us", 0.0015, PerfDataUnit.Seconds)]
    [TestCase("t=2s", 2.0, PerfDataUnit.Seconds)]
    [TestCase("t=80%", 80.0, PerfDataUnit.Percent)]
    [TestCase("t=3KB", 3072.0, PerfDataUnit.Bytes)]
    [TestCase("t=2MB", 2097152.0, PerfDataUnit.Bytes)]
    [TestCase("t=1GB", 1073741824.0, PerfDataUnit.Bytes)]
    [TestCase("t=1TB", 1099511627776.0, PerfDataUnit.Bytes)]
    [TestCase("t=17c", 17.0, PerfDataUnit.Counter)]
    [TestCase("t=-4.5", -4.5, PerfDataUnit.None)]
    public void UnitsAreNormalisedToSecondsBytesPercentAndCounters(string text, double value, PerfDataUnit unit)
    {
        var sample = PerfDataParser.Parse(text).Samples.Single();
        Assert.That((sample.Value, sample.Unit), Is.EqualTo((value, unit)));
    }

    [Test]
    public void MinAndMaxAreNormalisedWithTheValueWhileThresholdsStayAsWritten()
    {
        var sample = PerfDataParser.Parse("/=100MB;200;300;0;400").Samples.Single();
        Assert.That(sample, Is.EqualTo(new PerfDataSample("/", 100 * 1048576.0, PerfDataUnit.Bytes, "MB", "200", "300", 0, 400 * 1048576.0)));
    }

    [Test]
    public void QuotedLabelsMayHoldSpacesEqualsSignsAndQuotes()
    {
        var (samples, _) = PerfDataParser.Parse("'disk usage /var'=5% 'it''s'=1 'a=b'=2");
        Assert.That(samples.Select(s => s.Label), Is.EqualTo(new[] { "disk usage /var", "it's", "a=b" }));
    }

    [Test]
    public void AMalformedItemIsReportedAndTheOthersAreKept()
    {
        var (samples, errors) = PerfDataParser.Parse("good=1 bad=abc alsogood=2s nolabel");
        Assert.That(samples.Select(s => s.Label), Is.EqualTo(new[] { "good", "alsogood" }));
        Assert.That(errors, Has.Count.EqualTo(2).And.Some.Contains("bad"));
    }

    [Test]
    public void FormattedValueCarriesTheNormalisedUnit()
    {
        var samples = PerfDataParser.Parse("a=250ms b=1KB c=5% d=3c e=7").Samples;
        Assert.That(samples.Select(s => s.FormattedValue), Is.EqualTo(new[] { "0.25s", "1024B", "5%", "3c", "7" }));
    }
}
