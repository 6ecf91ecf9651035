namespace NodeMonitor.Checks;

/// <summary>A mount point, from /proc/self/mounts: present, options, filesystem type, free space.</summary>
public sealed class MountResource : NodeResource
{
    private readonly string _mountPoint;
    private readonly Lazy<string[]?> _entry;

    internal MountResource(string mountPoint)
    {
        _mountPoint = mountPoint.Length > 1 ? mountPoint.TrimEnd('/') : mountPoint;
        _entry = new Lazy<string[]?>(FindEntry);
    }

    public override string Description => $"mount {_mountPoint}";

    internal override Finding? Observe(Fact fact, string? key)
    {
        if (fact is not (Fact.Present or Fact.Options or Fact.FileSystemType or Fact.FreeBytes or Fact.FreePercent))
        {
            return null;
        }

        var entry = _entry.Value;
        if (entry is null)
        {
            return fact == Fact.Present ? Finding.State(false, "not mounted") : Finding.Absent("not mounted");
        }

        return fact switch
        {
            Fact.Present => Finding.State(true, $"{entry[2]} from {entry[0]}"),
            Fact.Options => Finding.Of(entry[3].Split(',')),
            Fact.FileSystemType => Finding.Of(entry[2], entry[2]),
            Fact.FreeBytes => Finding.Of(new DriveInfo(_mountPoint).AvailableFreeSpace),
            _ => FreePercent(),
        };
    }

    private Finding FreePercent()
    {
        var drive = new DriveInfo(_mountPoint);
        if (drive.TotalSize == 0)
        {
            return Finding.Absent("a filesystem without a size");
        }

        var percent = Math.Round(100.0 * drive.AvailableFreeSpace / drive.TotalSize, 1);
        return Finding.Of(percent, $"{percent}%");
    }

    /// <summary>The last entry wins: a later mount on the same point hides the earlier one.</summary>
    private string[]? FindEntry() => File.ReadLines("/proc/self/mounts")
        .Select(line => line.Split(' '))
        .Where(fields => fields.Length >= 4 && Unescape(fields[1]) == _mountPoint)
        .LastOrDefault();

    /// <summary>The kernel writes space, tab, newline and backslash in paths as octal escapes.</summary>
    private static string Unescape(string field) => field.Contains('\\')
        ? field.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\")
        : field;
}
