using System.Text;
using System.Text.Unicode;

namespace NodeMonitor.Execution.Protocol;

/// <summary>
/// Reads newline-terminated UTF-8 lines from the worker's protocol channel with a hard cap: a line longer than
/// <c>maxLineBytes</c> is a <see cref="ProtocolViolationException"/> as soon as the cap is passed, so the buffer
/// never holds more than the cap whatever the worker writes (a 1 GiB line without a newline costs 1 MiB).
/// </summary>
internal sealed class ProtocolLineReader(Stream stream, int maxLineBytes)
{
    private readonly byte[] _buffer = new byte[maxLineBytes + 1];
    private int _start;
    private int _end;

    /// <summary>The next line without its newline, or null at the end of the stream (a final unterminated line included).</summary>
    /// <exception cref="ProtocolViolationException">The line is longer than the cap or not UTF-8.</exception>
    public string? ReadLine() => TryReadLine(out var line) ? Encoding.UTF8.GetString(line) : null;

    /// <summary>The next line's UTF-8 bytes without its newline, valid until the next read; false at the end of the stream
    /// (a final unterminated line is still returned).</summary>
    /// <exception cref="ProtocolViolationException">The line is longer than the cap or not UTF-8.</exception>
    /// <remarks>Blocks until a line is there: the supervisor reads each worker on a thread of its own (a blocking read
    /// wakes one thread per write; an awaited one hands every line through the thread pool).</remarks>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        int scanned = _start;
        while (true)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', scanned, _end - scanned);
            if (newline >= 0)
            {
                line = Checked(_start, newline - _start);
                _start = newline + 1;
                return true;
            }
            if (_end - _start > maxLineBytes)
                throw new ProtocolViolationException($"a message line longer than {maxLineBytes} bytes");
            if (_end == _buffer.Length) Compact();
            scanned = _end;
            int read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0) return EndOfStream(out line);
            _end += read;
        }
    }

    private bool EndOfStream(out ReadOnlySpan<byte> line)
    {
        line = Checked(_start, _end - _start);
        bool any = _start != _end;
        _start = _end;
        return any;
    }

    private void Compact()
    {
        Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
        _end -= _start;
        _start = 0;
    }

    private ReadOnlySpan<byte> Checked(int offset, int count)
    {
        var line = new ReadOnlySpan<byte>(_buffer, offset, count);
        return Utf8.IsValid(line) ? line : throw new ProtocolViolationException("a message line that is not UTF-8");
    }
}
