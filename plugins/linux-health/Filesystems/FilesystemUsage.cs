namespace NodeMonitor.Plugins.LinuxHealth.Filesystems;

/// <summary>
/// Space and inode counts of one mounted filesystem, as statvfs(3) reports them, with the
/// percentages computed exactly as df and df -i compute theirs.
/// </summary>
public sealed record FilesystemUsage(
    ulong FragmentSize,
    ulong Blocks,
    ulong FreeBlocks,
    ulong AvailableBlocks,
    ulong Inodes,
    ulong FreeInodes)
{
    public ulong TotalBytes => Blocks * FragmentSize;

    public ulong UsedBytes => (Blocks - FreeBlocks) * FragmentSize;

    /// <summary>Free space an unprivileged user can still write (root's reserve excluded).</summary>
    public ulong AvailableBytes => AvailableBlocks * FragmentSize;

    /// <summary>
    /// df's Use%: used / (used + available). Blocks reserved for root count as neither, so an
    /// ext4 disk reads 100% when ordinary users can no longer write, though root still can.
    /// </summary>
    public double UsedPercent
    {
        get
        {
            var used = (double)(Blocks - FreeBlocks);
            var usable = used + AvailableBlocks;
            return usable == 0 ? 0 : used * 100 / usable;
        }
    }

    /// <summary>False for filesystems without a fixed inode table (btrfs reports 0 inodes).</summary>
    public bool HasInodeLimit => Inodes > 0;

    public ulong UsedInodes => Inodes - FreeInodes;

    /// <summary>df -i's IUse%: (inodes - free inodes) / inodes.</summary>
    public double UsedInodePercent => Inodes == 0 ? 0 : (double)UsedInodes * 100 / Inodes;
}
