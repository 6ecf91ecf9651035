using NodeMonitor.Plugins.LinuxHealth.Filesystems;

namespace NodeMonitor.Plugins.LinuxHealth.Judging;

/// <summary>
/// Every variable the checks read, with its default. The shipped plugin.json lists exactly these
/// (a self-test holds the two together) and README.md documents them.
/// </summary>
public static class HealthSettings
{
    public static readonly SettingDefinition DiskWarnPercent = new("NM_DISK_WARN_PERCENT", "80");
    public static readonly SettingDefinition DiskCritPercent = new("NM_DISK_CRIT_PERCENT", "90");
    public static readonly SettingDefinition InodeWarnPercent = new("NM_INODE_WARN_PERCENT", "80");
    public static readonly SettingDefinition InodeCritPercent = new("NM_INODE_CRIT_PERCENT", "90");
    public static readonly SettingDefinition DiskSkipTypes = new("NM_DISK_SKIP_FSTYPES", MountSelection.DefaultSkippedTypes);
    public static readonly SettingDefinition DiskSkipMounts = new("NM_DISK_SKIP_MOUNTS", MountSelection.DefaultSkippedMounts);
    public static readonly SettingDefinition MemWarnAvailablePercent = new("NM_MEM_WARN_AVAILABLE_PERCENT", "10");
    public static readonly SettingDefinition MemCritAvailablePercent = new("NM_MEM_CRIT_AVAILABLE_PERCENT", "5");
    public static readonly SettingDefinition Load1WarnFactor = new("NM_LOAD1_WARN_FACTOR", "3");
    public static readonly SettingDefinition Load1CritFactor = new("NM_LOAD1_CRIT_FACTOR", "6");
    public static readonly SettingDefinition Load5WarnFactor = new("NM_LOAD5_WARN_FACTOR", "2");
    public static readonly SettingDefinition Load5CritFactor = new("NM_LOAD5_CRIT_FACTOR", "4");
    public static readonly SettingDefinition TempDirectory = new("NM_TMP_DIR", "/tmp");
    public static readonly SettingDefinition TimeWarnOffsetMs = new("NM_TIME_WARN_OFFSET_MS", "100");
    public static readonly SettingDefinition TimeCritOffsetMs = new("NM_TIME_CRIT_OFFSET_MS", "1000");
    public static readonly SettingDefinition TimeServiceRequired = new("NM_TIME_SERVICE_REQUIRED", "false");

    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        DiskWarnPercent, DiskCritPercent, InodeWarnPercent, InodeCritPercent, DiskSkipTypes, DiskSkipMounts,
        MemWarnAvailablePercent, MemCritAvailablePercent,
        Load1WarnFactor, Load1CritFactor, Load5WarnFactor, Load5CritFactor,
        TempDirectory, TimeWarnOffsetMs, TimeCritOffsetMs, TimeServiceRequired,
    ];
}
