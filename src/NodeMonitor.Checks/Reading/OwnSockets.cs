using System.Runtime.InteropServices;
using System.Text;

namespace NodeMonitor.Checks;

/// <summary>The sockets this process holds, as the inode text of each ("socket:[123]"), in fd order. A new socket
/// is a new inode, so closing one listener and opening another changes this even when the kernel's count stays.</summary>
internal static partial class OwnSockets
{
    private static readonly byte[] SocketPrefix = "socket:"u8.ToArray();

    /// <summary>readlink(2) directly: FileInfo.LinkTarget costs ten times more, and this runs before every port check.</summary>
    public static string Read()
    {
        var sockets = new StringBuilder();
        Span<byte> target = stackalloc byte[64];
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            var length = ReadLink(fd, ref MemoryMarshal.GetReference(target), target.Length);
            if (length > 0 && target[..length].StartsWith(SocketPrefix))
            {
                sockets.Append(Encoding.ASCII.GetString(target[SocketPrefix.Length..length])).Append(' ');
            }
        }

        return sockets.ToString();
    }

    [LibraryImport("libc", EntryPoint = "readlink", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint ReadLinkNative(string path, ref byte buffer, nint size);

    // A fd closed while listed gives -1, which reads as "not a socket".
    private static int ReadLink(string path, ref byte buffer, int size) => (int)ReadLinkNative(path, ref buffer, size);
}
