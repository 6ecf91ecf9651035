using System.ComponentModel;
using System.Runtime.InteropServices;

namespace NodeMonitor.Plugins.LinuxHealth.Filesystems;

/// <summary>
/// statvfs(3) through libc. DriveInfo would give the space but not the inode counts.
/// </summary>
public static partial class StatVfs
{
    // struct statvfs on 64-bit Linux (glibc and musl alike) begins with eight 8-byte fields:
    // f_bsize, f_frsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree, f_favail.
    // The buffer is larger than any libc's struct, so a longer tail never overruns it.
    private const int BufferSize = 256;

    public static FilesystemUsage Measure(string path)
    {
        if (!Environment.Is64BitProcess)
            throw new PlatformNotSupportedException("statvfs is read with the 64-bit struct layout; this is a 32-bit process");

        var buffer = new byte[BufferSize];
        if (NativeStatVfs(path, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"statvfs({path}) failed: {new Win32Exception(errno).Message}");
        }

        ulong Field(int index) => BitConverter.ToUInt64(buffer, index * sizeof(ulong));
        return new FilesystemUsage(
            FragmentSize: Field(1),
            Blocks: Field(2),
            FreeBlocks: Field(3),
            AvailableBlocks: Field(4),
            Inodes: Field(5),
            FreeInodes: Field(6));
    }

    [LibraryImport("libc", EntryPoint = "statvfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeStatVfs(string path, [Out] byte[] buffer);
}
