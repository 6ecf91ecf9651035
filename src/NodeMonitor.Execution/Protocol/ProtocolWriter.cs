using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace NodeMonitor.Execution.Protocol;

/// <summary>
/// The worker's side of the protocol. Opened before anything touches Console: the real stdout is
/// duplicated onto a private close-on-exec descriptor for the protocol and stdout is then pointed at
/// stderr, so whatever plugin code writes to stdout (native code and child processes included) ends up
/// in the captured stderr instead of corrupting the protocol.
/// </summary>
internal sealed partial class ProtocolWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly Lock _gate = new();

    private ProtocolWriter(Stream stream) => _stream = stream;

    public static ProtocolWriter OpenPrivateStdout()
    {
        int dupCloexec = OperatingSystem.IsLinux() ? 1030 : OperatingSystem.IsMacOS() ? 67 : -1;
        if (dupCloexec < 0)
        {
            // No fd juggling elsewhere: keep stdout for the protocol and send Console.Out to stderr.
            var stdout = Console.OpenStandardOutput();
            Console.SetOut(Console.Error);
            return new ProtocolWriter(stdout);
        }
        int fd = Fcntl(1, dupCloexec, 3);
        if (fd < 0 || Dup2(2, 1) < 0)
            throw new IOException($"could not set up the worker protocol channel (errno {Marshal.GetLastPInvokeError()})");
        return new ProtocolWriter(new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write, bufferSize: 0));
    }

    /// <summary>Writes one message as one line and flushes, so it survives an immediate crash that follows.</summary>
    public void Send(WorkerMessage message)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(message, WorkerMessageJson.Default.WorkerMessage);
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        lock (_gate)
        {
            _stream.Write(line);
            _stream.Flush();
        }
    }

    public void Dispose() => _stream.Dispose();

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int oldFd, int newFd);
}
