using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace NodeMonitor.Checks;

/// <summary>
/// One statx(2) call: type, mode, owner, group and size together. .NET has no managed API for the
/// owner; statx is used rather than stat because its struct layout is the same on every architecture.
/// </summary>
internal sealed partial record FileStatus(int Mode, int Uid, int Gid, long Size)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7FF;

    public bool IsDirectory => (Mode & 0xF000) == 0x4000;
    public bool IsRegularFile => (Mode & 0xF000) == 0x8000;
    public bool IsSymlink => (Mode & 0xF000) == 0xA000;

    public string Kind => (Mode & 0xF000) switch
    {
        0x8000 => "a regular file",
        0x4000 => "a directory",
        0xA000 => "a symbolic link",
        0x2000 => "a character device",
        0x6000 => "a block device",
        0x1000 => "a pipe",
        0xC000 => "a socket",
        _ => "an unknown kind of file",
    };

    /// <summary>The status of <paramref name="path"/>, following symbolic links unless told not to; null when it does not exist.</summary>
    public static FileStatus? Read(string path, bool followLinks = true)
    {
        Span<byte> buffer = stackalloc byte[256];
        if (Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            return null;
        }

        return new FileStatus(
            Mode: BinaryPrimitives.ReadUInt16LittleEndian(buffer[28..]),
            Uid: (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer[20..]),
            Gid: (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer[24..]),
            Size: (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer[40..]));
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int dirFd, string path, int flags, uint mask, ref byte statxBuffer);
}
