using System.Diagnostics;
using System.Globalization;
using NodeMonitor.Plugins.LinuxHealth.Filesystems;
using NUnit.Framework;

namespace NodeMonitor.Plugins.LinuxHealth.SelfTests;

[TestFixture]
[Category("self-test")]
public sealed class FilesystemUsageTests
{
    [Test]
    public void UsedPercentLeavesRootsReservedBlocksOutAsDfDoes()
    {
        // 1000 blocks, 100 free of which 50 are reserved for root: 900 used of 950 usable.
        var usage = new FilesystemUsage(4096, Blocks: 1000, FreeBlocks: 100, AvailableBlocks: 50, Inodes: 0, FreeInodes: 0);

        Assert.That(usage.UsedPercent, Is.EqualTo(900.0 * 100 / 950));
        Assert.That(usage.AvailableBytes, Is.EqualTo(50UL * 4096));
        Assert.That(usage.TotalBytes, Is.EqualTo(1000UL * 4096));
    }

    [Test]
    public void AFilesystemWithoutInodeCountsHasNoInodeLimit()
    {
        var usage = new FilesystemUsage(4096, 1000, 500, 500, Inodes: 0, FreeInodes: 0);

        Assert.That(usage.HasInodeLimit, Is.False);
        Assert.That(usage.UsedInodePercent, Is.Zero);
    }

    [Test]
    public void StatvfsOfTheRootFilesystemAgreesWithDf()
    {
        var df = Df("-P", "-B1", "/");
        var dfInodes = Df("-iP", "/");

        var usage = StatVfs.Measure("/");

        // Sizes do not move between the two calls; used space may, by a little.
        Assert.That(usage.TotalBytes, Is.EqualTo(ulong.Parse(df[1], CultureInfo.InvariantCulture)), "total bytes");
        Assert.That(usage.Inodes, Is.EqualTo(ulong.Parse(dfInodes[1], CultureInfo.InvariantCulture)), "total inodes");
        Assert.That(usage.UsedPercent, Is.EqualTo(double.Parse(df[4].TrimEnd('%'), CultureInfo.InvariantCulture)).Within(1.0),
            "df rounds Use% up to a whole percent");
        Assert.That(usage.UsedInodePercent, Is.EqualTo(double.Parse(dfInodes[4].TrimEnd('%'), CultureInfo.InvariantCulture)).Within(1.0));
    }

    [Test]
    public void StatvfsOfAMissingPathIsAnErrorNamingThePath()
    {
        var error = Assert.Throws<IOException>(() => StatVfs.Measure("/no/such/mount/point"));

        Assert.That(error!.Message, Does.Contain("/no/such/mount/point").And.Contain("No such file"));
    }

    private static string[] Df(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("df") { RedirectStandardOutput = true };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        using var process = Process.Start(startInfo)!;
        var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();
        return lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
