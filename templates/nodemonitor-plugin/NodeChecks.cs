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
        // Under nodemonitor run the sample goes to the node's metric store (nodemonitor metrics, /metrics).
        Metric.Gauge("temp_free_percent", freePercent, "percent", ("path", drive.RootDirectory.FullName));
        Assert.That(freePercent, Is.GreaterThanOrEqualTo(minimumFreePercent),
            $"{drive.RootDirectory}: {freePercent:0.0}% free, critical below {minimumFreePercent}% (NM_MIN_FREE_PERCENT)");
    }

    [Test]
    public void TheTempFolderIsPresent() =>
        Assert.That(Resource.Directory(Path.GetTempPath()), Its.Present);

    [Test]
    public void TheClockIsPastTheBuildYear() =>
        Assert.That(DateTime.UtcNow.Year, Is.GreaterThanOrEqualTo(2025), "the system clock is far behind");

    // More: Resource.Service("ssh"), Resource.Port(22), Resource.Http(url), Nagios.AssertOk("/usr/lib/nagios/plugins/check_load -w 5 -c 10").

    private static double Threshold(string variable, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(variable), System.Globalization.CultureInfo.InvariantCulture, out double v) ? v : fallback;
}
