using System.Collections.Concurrent;
using System.Text;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// Sits in front of NUnit's own Console.Out capture and passes each test only its first
/// <see cref="OutputLimits.TestOutputChars"/> characters. Without it NUnit keeps all of a test's console
/// output in memory and copies it several times into XML: 100 MB printed cost 1.9 GB and 7 s.
/// The head and tail of the full stream are kept here instead and replace NUnit's truncated copy.
/// The current test is tracked in an AsyncLocal set on the test's own thread (events are synchronous),
/// so output from tasks the test starts is attributed to it.
/// </summary>
internal sealed class ConsoleOutputLimiter(TextWriter nunitCapture) : TextWriter
{
    private static readonly AsyncLocal<TestOutput?> Current = new();
    private readonly ConcurrentDictionary<string, TestOutput> _overflowed = new();

    public override Encoding Encoding => nunitCapture.Encoding;

    /// <summary>Installs a limiter over whatever Console.Out is now (NUnit's capture, during a run), once.</summary>
    public static ConsoleOutputLimiter InstallOver(TextWriter current, ConsoleOutputLimiter? installed, out TextWriter consoleOut)
    {
        if (installed is not null && ReferenceEquals(current, installed.InstalledAs))
        {
            consoleOut = current;
            return installed;
        }
        var limiter = new ConsoleOutputLimiter(current);
        Console.SetOut(limiter);
        limiter.InstalledAs = consoleOut = Console.Out; // Console wraps it in a synchronized writer
        return limiter;
    }

    private TextWriter? InstalledAs { get; set; }

    public void BeginTest(string fullName) => Current.Value = new TestOutput(fullName);

    /// <summary>Ends the test's budget and returns the head and tail of everything it printed, when it printed
    /// more than NUnit was given; null otherwise.</summary>
    public string? EndTest(string fullName)
    {
        // Later output (fixture teardown) is not this test's. Marked on the test rather than by clearing the AsyncLocal:
        // setting an AsyncLocal copies the execution context's values, which costs more than the rest of a short test.
        if (Current.Value is { } test && test.FullName == fullName) lock (test) test.Ended = true;
        return _overflowed.TryRemove(fullName, out var o) ? o.Text.ToString() : null;
    }

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        var test = Current.Value;
        if (test is null)
        {
            nunitCapture.Write(buffer);
            return;
        }
        lock (test)
        {
            if (test.Ended)
            {
                nunitCapture.Write(buffer);
                return;
            }
            test.Text.Append(buffer);
            long room = OutputLimits.TestOutputChars - test.Forwarded;
            var part = buffer.Length <= room ? buffer : buffer[..(int)Math.Max(room, 0)];
            if (part.Length < buffer.Length) _overflowed[test.FullName] = test;
            if (part.IsEmpty) return;
            test.Forwarded += part.Length;
            nunitCapture.Write(part);
        }
    }

    public override void Flush() => nunitCapture.Flush();

    private sealed class TestOutput(string fullName)
    {
        public string FullName { get; } = fullName;
        public HeadTailText Text { get; } = new(OutputLimits.TestOutputChars);
        public long Forwarded { get; set; }
        public bool Ended { get; set; }
    }
}
