using System.Text;
using NodeMonitor.Core.Security;

namespace NodeMonitor.Cli.Output;

/// <summary>
/// Console.Out and Console.Error of the CLI: whatever a verb prints passes <see cref="TerminalText.Block"/>, so no
/// plugin-controlled text reaches the terminal as a control sequence even where a verb prints it whole. Line breaks,
/// tabs and carriage returns (the live status line) pass; names are escaped to one line where they are printed.
/// </summary>
internal sealed class TerminalSafeWriter(TextWriter inner, bool usesColour = false) : TextWriter
{
    /// <summary>Whether <see cref="Colour"/> may colour lines on this stream (a terminal that wants colour).</summary>
    public bool UsesColour { get; } = usesColour;

    /// <summary>One line in a colour: the SGR code and its reset are ours, the text is escaped as always.</summary>
    internal void WriteLineIn(string sgrCode, string line)
    {
        inner.Write(sgrCode);
        inner.Write(TerminalText.Block(line));
        inner.Write("\u001b[0m");
        inner.WriteLine();
    }

    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override string NewLine
    {
#pragma warning disable CS8765 // TextWriter.NewLine's setter accepts null; the inner writer decides what that means
        get => inner.NewLine;
        set => inner.NewLine = value;
#pragma warning restore CS8765
    }

    public override void Write(char value)
    {
        if (TerminalText.IsUnsafe(value) && value is not ('\n' or '\r' or '\t')) inner.Write(TerminalText.Block(value.ToString()));
        else inner.Write(value);
    }

    public override void Write(string? value) => inner.Write(TerminalText.Block(value));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer) => Write(new string(buffer));

    public override void WriteLine(string? value) => inner.WriteLine(TerminalText.Block(value));

    public override void WriteLine(ReadOnlySpan<char> buffer) => WriteLine(new string(buffer));

    public override void Flush() => inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Flush();
        base.Dispose(disposing);
    }
}
