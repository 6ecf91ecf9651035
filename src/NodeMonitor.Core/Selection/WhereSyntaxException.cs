namespace NodeMonitor.Core.Selection;

/// <summary>A test selection expression that does not parse; the message names the position and what was expected.</summary>
public sealed class WhereSyntaxException(string message, string expression, int position) : Exception(message)
{
    /// <summary>The whole expression that failed to parse.</summary>
    public string Expression { get; } = expression;

    /// <summary>Zero-based character position of the problem.</summary>
    public int Position { get; } = position;
}
