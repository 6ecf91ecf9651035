using NodeMonitor.Plugins.LinuxHealth.Filesystems;
using NodeMonitor.Plugins.LinuxHealth.Judging;
using NodeMonitor.Plugins.LinuxHealth.Parsing;
using NUnit.Framework;

namespace NodeMonitor.Plugins.LinuxHealth.Checks;

/// <summary>
/// Space and inode headroom, one test case per real mounted filesystem, so a full /var shows
/// up as its own failing test and its history is kept apart from the root filesystem's.
/// </summary>
[TestFixture]
public sealed class FilesystemChecks
{
    [TestCaseSource(nameof(MountPoints))]
    public void DiskSpaceHasHeadroom(string mountPoint)
    {
        var usage = StatVfs.Measure(mountPoint);
        if (usage.Blocks == 0)
            Assert.Ignore($"{mountPoint}: the filesystem reports a size of 0 blocks; there is nothing to fill");

        var limits = Limits.Read(Settings.FromEnvironment(), LimitDirection.Above,
            HealthSettings.DiskWarnPercent, HealthSettings.DiskCritPercent, Format.Percent);
        var measurement = $"{mountPoint}: {Format.MeasuredPercent(usage.UsedPercent)} used " +
                          $"({Format.Bytes(usage.AvailableBytes)} of {Format.Bytes(usage.TotalBytes)} available)";
        Verdict.Report(limits.Judge(measurement, usage.UsedPercent));
    }

    [TestCaseSource(nameof(MountPoints))]
    public void InodesHaveHeadroom(string mountPoint)
    {
        var usage = StatVfs.Measure(mountPoint);
        if (!usage.HasInodeLimit)
            Assert.Ignore($"{mountPoint}: the filesystem has no fixed inode table (statvfs reports 0 inodes, as btrfs does); inodes cannot run out");

        var limits = Limits.Read(Settings.FromEnvironment(), LimitDirection.Above,
            HealthSettings.InodeWarnPercent, HealthSettings.InodeCritPercent, Format.Percent);
        var measurement = $"{mountPoint}: {Format.MeasuredPercent(usage.UsedInodePercent)} of inodes used " +
                          $"({usage.FreeInodes} of {usage.Inodes} free)";
        Verdict.Report(limits.Judge(measurement, usage.UsedInodePercent));
    }

    /// <summary>
    /// Read when NUnit loads the plugin, in the worker that has plugin.json's environment,
    /// so NM_DISK_SKIP_* decide which test cases exist.
    /// </summary>
    public static IEnumerable<TestCaseData> MountPoints()
    {
        var settings = Settings.FromEnvironment();
        var selection = new MountSelection(settings.Text(HealthSettings.DiskSkipTypes), settings.Text(HealthSettings.DiskSkipMounts));
        var mounts = selection.Select(MountTable.Read(), Directory.Exists);

        // An empty source would be an NUnit error ("No arguments were provided"), not a clear reason.
        if (mounts.Count == 0)
            return [new TestCaseData("none").Ignore(
                $"every mount in {MountTable.Path} is skipped by {HealthSettings.DiskSkipTypes.Variable} or {HealthSettings.DiskSkipMounts.Variable}")];

        return mounts.Select(m => new TestCaseData(m.MountPoint));
    }
}
