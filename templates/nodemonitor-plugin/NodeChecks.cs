namespace NodeMonitorPlugin;

/// <summary>
/// Checks of this node. Each test is one check: a failed assertion is critical, Assert.Warn a warning,
/// Assert.Inconclusive "does not apply here". Thresholds come from the environment (set per node in plugin.json).
/// </summary>
public sealed class NodeChecks
{
    [Test]
    [Category("disk")]
    public void TheTempFolderHasFreeSpace()
    {
        double minimumFreePercent = Threshold("NM_MIN_FREE_PERCENT", 5);
        var drive = new DriveInfo(Path.GetTempPath());
        double freePercent = 100.0 * drive.AvailableFreeSpace / drive.TotalSize;
        Assert.That(freePercent, Is.GreaterThanOrEqualTo(minimumFreePercent),
            $"{drive.RootDirectory}: {freePercent:0.0}% free, critical below {minimumFreePercent}% (NM_MIN_FREE_PERCENT)");
    }

    [Test]
    public void TheClockIsPastTheBuildYear() =>
        Assert.That(DateTime.UtcNow.Year, Is.GreaterThanOrEqualTo(2025), "the system clock is far behind");

    private static double Threshold(string variable, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(variable), System.Globalization.CultureInfo.InvariantCulture, out double v) ? v : fallback;
}
