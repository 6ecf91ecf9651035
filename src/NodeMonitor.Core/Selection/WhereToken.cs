namespace NodeMonitor.Core.Selection;

internal enum WhereTokenKind { Word, Quoted, Operator, And, Or, Not, Open, Close, End }

/// <summary>One token of a where expression and where it starts, for error messages.</summary>
internal sealed record WhereToken(WhereTokenKind Kind, string Text, int Position)
{
    public string Describe() => Kind switch
    {
        WhereTokenKind.End => "the end of the expression",
        WhereTokenKind.Quoted => $"'{Text}'",
        _ => $"'{Text}'",
    };
}
