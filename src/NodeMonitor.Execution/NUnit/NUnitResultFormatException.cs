namespace NodeMonitor.Execution.NUnit;

/// <summary>A result file that is not well-formed XML or not an NUnit 3 <c>test-run</c> document.
/// Carries where: the message reads "FILE:LINE:COLUMN: what is wrong".</summary>
public sealed class NUnitResultFormatException(string file, int line, int column, string problem, Exception? inner = null)
    : Exception(line > 0 ? $"{file}:{line}:{column}: {problem}" : $"{file}: {problem}", inner)
{
    public string File { get; } = file;

    /// <summary>1-based line of the problem; 0 when the file could not be read at all.</summary>
    public int Line { get; } = line;

    public int Column { get; } = column;

    public string Problem { get; } = problem;
}
