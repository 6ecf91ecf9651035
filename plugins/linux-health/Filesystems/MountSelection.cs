using NodeMonitor.Plugins.LinuxHealth.Parsing;

namespace NodeMonitor.Plugins.LinuxHealth.Filesystems;

/// <summary>
/// Picks the mounts worth a disk check: real filesystems that can fill up, each device once.
/// </summary>
public sealed class MountSelection
{
    /// <summary>
    /// Skipped by default, and why:
    /// kernel interfaces that hold no user data (proc, sysfs, cgroup...);
    /// memory-backed filesystems (tmpfs, ramfs, devtmpfs) that report RAM, not disk;
    /// read-only images that are always 100% full (squashfs snaps, erofs, iso9660, udf);
    /// overlay, whose numbers are those of the disk below it (checked as that disk);
    /// network filesystems, whose space belongs to the server and whose statvfs can hang when the server is gone;
    /// FUSE filesystems (fuse.*: lxcfs, gvfs, portal, sshfs), virtual or remote. fuseblk (ntfs-3g) has a disk and stays.
    /// </summary>
    public const string DefaultSkippedTypes =
        "autofs,binfmt_misc,bpf,cgroup,cgroup2,configfs,debugfs,devpts,devtmpfs,efivarfs,fusectl,hugetlbfs," +
        "mqueue,nsfs,proc,pstore,rpc_pipefs,securityfs,selinuxfs,sysfs,tracefs," +
        "tmpfs,ramfs,squashfs,erofs,iso9660,udf,overlay," +
        "nfs,nfs4,cifs,smb3,ceph,glusterfs,lustre,9p,fuse.*";

    public const string DefaultSkippedMounts = "";

    private readonly IReadOnlyList<string> skippedTypes;
    private readonly IReadOnlyList<string> skippedMounts;

    public MountSelection(string skippedTypes, string skippedMounts)
    {
        this.skippedTypes = SplitList(skippedTypes);
        this.skippedMounts = SplitList(skippedMounts).Select(m => m == "/" ? m : m.TrimEnd('/')).ToList();
    }

    /// <summary>
    /// The mounts to check, in /proc/mounts order. A device mounted several times (bind mounts,
    /// btrfs subvolumes) is checked once, at its shortest mount point, as df does.
    /// <paramref name="isDirectory"/> drops bind-mounted files such as a container's /etc/hosts.
    /// </summary>
    public IReadOnlyList<MountEntry> Select(IEnumerable<MountEntry> mounts, Func<string, bool> isDirectory)
    {
        var candidates = mounts
            .Where(m => !IsSkippedType(m.FilesystemType) && !IsSkippedMount(m.MountPoint) && isDirectory(m.MountPoint))
            .ToList();

        var chosen = candidates
            .GroupBy(DeviceKey)
            .Select(g => g.OrderBy(m => m.MountPoint.Length).First())
            .ToHashSet();
        return candidates.Where(chosen.Contains).ToList();
    }

    public bool IsSkippedType(string type) =>
        skippedTypes.Any(s => s.EndsWith('*') ? type.StartsWith(s[..^1], StringComparison.Ordinal) : s == type);

    /// <summary>A skipped mount point skips itself and everything mounted below it.</summary>
    public bool IsSkippedMount(string mountPoint) =>
        skippedMounts.Any(s => mountPoint == s || mountPoint.StartsWith(s == "/" ? s : s + "/", StringComparison.Ordinal));

    // "none" and the like name no device, so those mounts are told apart by mount point.
    private static string DeviceKey(MountEntry m) =>
        m.Device is "none" or "" ? "mount:" + m.MountPoint : "device:" + m.Device;

    private static IReadOnlyList<string> SplitList(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
