namespace NodeMonitor.Plugins.LinuxHealth.Parsing;

/// <summary>One line of /proc/mounts: what is mounted, where, as which filesystem type.</summary>
public sealed record MountEntry(string Device, string MountPoint, string FilesystemType, string Options);
