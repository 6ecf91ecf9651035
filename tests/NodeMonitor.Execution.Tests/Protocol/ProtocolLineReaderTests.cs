using System.Text;
using NodeMonitor.Execution.Protocol;

namespace NodeMonitor.Execution.Tests.Protocol;

public sealed class ProtocolLineReaderTests
{
    private static ProtocolLineReader Reader(Stream stream, int max = 16) => new(stream, max);

    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    [Test]
    public void ReadsLinesAndAFinalUnterminatedOne()
    {
        var reader = Reader(Bytes("one\ntwo\n\nlast"));
        var lines = new List<string?>();
        for (int i = 0; i < 5; i++) lines.Add(reader.ReadLine());
        Assert.That(lines, Is.EqualTo(new[] { "one", "two", "", "last", null }));
    }

    [Test]
    public void ALineOfExactlyTheCapIsAccepted()
    {
        var reader = Reader(Bytes(new string('a', 16) + "\n" + new string('b', 16) + "\n"));
        Assert.That(reader.ReadLine(), Is.EqualTo(new string('a', 16)));
        Assert.That(reader.ReadLine(), Is.EqualTo(new string('b', 16)));
    }

    [Test]
    public void ALineOverTheCapIsAViolation()
    {
        var reader = Reader(Bytes("short\n" + new string('x', 17) + "\n"));
        Assert.That(() => { reader.ReadLine(); reader.ReadLine(); },
            Throws.TypeOf<ProtocolViolationException>().With.Message.Contains("longer than 16 bytes"));
    }

    [Test]
    public void AnEndlessLineStopsAtTheCapWithoutReadingTheRest()
    {
        var endless = new EndlessStream();
        var reader = Reader(endless, max: 1024);
        Assert.That(() => reader.ReadLine(), Throws.TypeOf<ProtocolViolationException>());
        Assert.That(endless.BytesRead, Is.LessThanOrEqualTo(1025 + 4096), "reads no further than the cap and one chunk");
    }

    [Test]
    public void BytesThatAreNotUtf8AreAViolation()
    {
        var reader = Reader(new MemoryStream([0x7b, 0xff, 0xfe, 0x7d, 0x0a]));
        Assert.That(() => reader.ReadLine(),
            Throws.TypeOf<ProtocolViolationException>().With.Message.Contains("not UTF-8"));
    }

    [Test]
    public void LinesSplitAcrossReadsAreJoined()
    {
        var reader = Reader(new TrickleStream(Encoding.UTF8.GetBytes("héllo\nwörld\n")));
        Assert.That(reader.ReadLine(), Is.EqualTo("héllo"));
        Assert.That(reader.ReadLine(), Is.EqualTo("wörld"));
        Assert.That(reader.ReadLine(), Is.Null);
    }

    /// <summary>Never ends and never sends a newline; counts what was taken from it.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(count, 4096);
            Array.Fill(buffer, (byte)'x', offset, n);
            BytesRead += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Hands out one byte per read, splitting lines and multi-byte characters.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));
    }
}
