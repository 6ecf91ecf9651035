using NodeMonitor.Plugins.LinuxHealth.Parsing;
using NUnit.Framework;

namespace NodeMonitor.Plugins.LinuxHealth.SelfTests;

[TestFixture]
[Category("self-test")]
public sealed class LoadAverageTests
{
    [Test]
    public void TheFirstThreeFieldsAreTheOneFiveAndFifteenMinuteAverages()
    {
        Assert.That(LoadAverage.Parse("0.15 2.09 10.50 1/87 4118\n"), Is.EqualTo(new LoadAverage(0.15, 2.09, 10.50)));
    }

    [Test]
    public void ATruncatedFileIsAnError()
    {
        Assert.Throws<FormatException>(() => LoadAverage.Parse("0.15 0.09"));
    }

    [TestCase("0", 1)]
    [TestCase("0-1", 2)]
    [TestCase("0-3,6,8-9\n", 7)]
    public void CpuListCountsEveryCpuInEveryRange(string list, int count)
    {
        Assert.That(CpuList.Count(list), Is.EqualTo(count));
    }

    [TestCase("3-1")]
    [TestCase("a-b")]
    public void AMalformedCpuListIsAnError(string list)
    {
        Assert.Throws<FormatException>(() => CpuList.Count(list));
    }
}
