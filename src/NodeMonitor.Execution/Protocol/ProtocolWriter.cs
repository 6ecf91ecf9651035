using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
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
    // One buffer and JSON writer for every message (used under the lock). Escaping is JSON's own, not HTML's: the
    // channel is read by the supervisor only; control characters, newlines included, are still escaped.
    private readonly ArrayBufferWriter<byte> _line = new(4096);
    private readonly Utf8JsonWriter _json;

    internal ProtocolWriter(Stream stream)
    {
        _stream = stream;
        _json = new Utf8JsonWriter(_line, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

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
        lock (_gate)
        {
            _line.ResetWrittenCount();
            _json.Reset();
            WorkerMessageWriter.Write(_json, message);
            _json.Flush();
            _line.GetSpan(1)[0] = (byte)'\n';
            _line.Advance(1);
            _stream.Write(_line.WrittenSpan);
            _stream.Flush();
        }
    }

    public void Dispose()
    {
        _json.Dispose();
        _stream.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int oldFd, int newFd);
}
