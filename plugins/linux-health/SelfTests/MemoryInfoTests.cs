using NodeMonitor.Plugins.LinuxHealth.Parsing;
using NUnit.Framework;

namespace NodeMonitor.Plugins.LinuxHealth.SelfTests;

[TestFixture]
[Category("self-test")]
public sealed class MemoryInfoTests
{
    [Test]
    public void TotalAndAvailableAreReadFromMeminfo()
    {
        var memory = MemoryInfo.Parse("""
            MemTotal:        8000000 kB
            MemFree:          200000 kB
            MemAvailable:    2000000 kB
            Buffers:           10000 kB
            """);

        Assert.That(memory, Is.EqualTo(new MemoryInfo(8000000, 2000000)));
        Assert.That(memory.AvailablePercent, Is.EqualTo(25.0));
    }

    [Test]
    public void AMissingMemAvailableLineIsAnErrorThatNamesIt()
    {
        var error = Assert.Throws<FormatException>(() => MemoryInfo.Parse("MemTotal: 8000000 kB\nMemFree: 100 kB\n"));

        Assert.That(error!.Message, Does.Contain("MemAvailable"));
    }
}
