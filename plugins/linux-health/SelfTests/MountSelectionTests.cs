using NodeMonitor.Plugins.LinuxHealth.Filesystems;
using NodeMonitor.Plugins.LinuxHealth.Parsing;
using NUnit.Framework;

namespace NodeMonitor.Plugins.LinuxHealth.SelfTests;

[TestFixture]
[Category("self-test")]
public sealed class MountSelectionTests
{
    // A desktop-like host with snaps, docker, a btrfs /home and an NFS share, plus a container-style file bind mount.
    private const string HostMounts = """
        sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
        proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
        udev /dev devtmpfs rw,nosuid,relatime 0 0
        tmpfs /run tmpfs rw,nosuid,nodev,noexec,relatime 0 0
        /dev/nvme0n1p2 / ext4 rw,relatime 0 0
        cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime 0 0
        /dev/loop3 /snap/core22/1380 squashfs ro,nodev,relatime 0 0
        /dev/nvme0n1p1 /boot/efi vfat rw,relatime 0 0
        /dev/sda1 /home btrfs rw,relatime,subvol=/@home 0 0
        /dev/sda1 /home/backup btrfs rw,relatime,subvol=/@backup 0 0
        overlay /var/lib/docker/overlay2/abc/merged overlay rw,relatime 0 0
        nas:/export /mnt/nas nfs4 rw,relatime 0 0
        lxcfs /var/lib/lxcfs fuse.lxcfs rw,nosuid,nodev,relatime 0 0
        /dev/sdc1 /mnt/windows fuseblk rw,relatime 0 0
        /dev/nvme0n1p2 /etc/hosts ext4 rw,relatime 0 0
        /dev/nvme0n1p2 /srv/data ext4 rw,relatime 0 0
        """;

    private static readonly IReadOnlyList<MountEntry> Mounts = MountTable.Parse(HostMounts);

    private static IEnumerable<string> Selected(string skippedTypes, string skippedMounts) =>
        new MountSelection(skippedTypes, skippedMounts)
            .Select(Mounts, mountPoint => mountPoint != "/etc/hosts")
            .Select(m => m.MountPoint);

    [Test]
    public void ByDefaultOnlyRealDisksAreCheckedEachDeviceOnceAtItsShortestMountPoint()
    {
        var selected = Selected(MountSelection.DefaultSkippedTypes, MountSelection.DefaultSkippedMounts);

        Assert.That(selected, Is.EqualTo(new[] { "/", "/boot/efi", "/home", "/mnt/windows" }));
    }

    [Test]
    public void ATypeRemovedFromTheSkipListIsChecked()
    {
        var selected = Selected(MountSelection.DefaultSkippedTypes.Replace("tmpfs,", ""), "");

        Assert.That(selected, Does.Contain("/run"));
    }

    [Test]
    public void ASkippedMountPointAlsoSkipsEverythingMountedBelowIt()
    {
        var selected = Selected(MountSelection.DefaultSkippedTypes, "/home/, /boot");

        Assert.That(selected, Is.EqualTo(new[] { "/", "/mnt/windows" }));
    }

    [Test]
    public void AMountPointSharingOnlyAPrefixWithASkippedOneIsKept()
    {
        var selection = new MountSelection("", "/home");

        Assert.That(selection.IsSkippedMount("/homework"), Is.False);
        Assert.That(selection.IsSkippedMount("/home/backup"), Is.True);
    }

    [TestCase("fuse.sshfs", true)]
    [TestCase("fuseblk", false)]
    [TestCase("ext4", false)]
    public void AStarAtTheEndOfATypeMatchesEveryTypeWithThatPrefix(string type, bool skipped)
    {
        Assert.That(new MountSelection("fuse.*", "").IsSkippedType(type), Is.EqualTo(skipped));
    }

    [Test]
    public void MountsThatNameNoDeviceAreToldApartByMountPoint()
    {
        var mounts = MountTable.Parse("none /a ext4 rw 0 0\nnone /b ext4 rw 0 0\n");

        var selected = new MountSelection("", "").Select(mounts, _ => true);

        Assert.That(selected.Select(m => m.MountPoint), Is.EqualTo(new[] { "/a", "/b" }));
    }
}
