using System.Text;
using System.Text.RegularExpressions;

namespace NodeMonitor.Core.Selection;

/// <summary>What a comparison looks at, named as in the where language and in NUnit's filter XML.</summary>
public enum WhereField { Cat, Test, Class, Method, Name, Namespace, Id }

/// <summary><c>==</c> (also <c>=</c>), <c>!=</c>, <c>=~</c> (regular expression matches), <c>!~</c>.</summary>
public enum WhereOperator { Equal, NotEqual, Matches, NotMatches }

/// <summary>One <c>field op value</c>. A regular expression is checked when parsed, so a bad one is a syntax error.</summary>
public sealed record WhereComparison : WhereExpression
{
    // The bound applies only to Matches(); NUnit runs the same pattern without one.
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);
    private readonly Regex? _regex;

    /// <exception cref="ArgumentException"><paramref name="value"/> is not a valid regular expression for =~ or !~,
    /// or an id is compared with a regular expression.</exception>
    public WhereComparison(WhereField field, WhereOperator op, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (field == WhereField.Id && op is WhereOperator.Matches or WhereOperator.NotMatches)
            throw new ArgumentException($"'id' supports only == and !=, not {OperatorText(op)}", nameof(op));
        Field = field;
        Operator = op;
        Value = value;
        if (IsRegex) _regex = new Regex(value, RegexOptions.None, RegexTimeout);
    }

    public WhereField Field { get; }

    public WhereOperator Operator { get; }

    public string Value { get; }

    public bool Equals(WhereComparison? other) =>
        other is not null && Field == other.Field && Operator == other.Operator && Value == other.Value;

    public override int GetHashCode() => HashCode.Combine(Field, Operator, Value);

    private bool IsRegex => Operator is WhereOperator.Matches or WhereOperator.NotMatches;

    private bool IsNegated => Operator is WhereOperator.NotEqual or WhereOperator.NotMatches;

    public override bool Matches(SelectableTest test)
    {
        bool found = false;
        for (var node = test; node is not null && !found; node = node.Parent) found = MatchesItself(node);
        return found != IsNegated;
    }

    private bool MatchesItself(SelectableTest node) => Field switch
    {
        WhereField.Cat => node.Categories.Any(MatchesValue),
        WhereField.Test => MatchesValue(node.FullName),
        WhereField.Class => MatchesValue(node.ClassName),
        WhereField.Method => MatchesValue(node.MethodName),
        WhereField.Name => MatchesValue(node.Name),
        WhereField.Namespace => MatchesValue(node.Namespace),
        WhereField.Id => MatchesValue(node.Id),
        _ => false,
    };

    private bool MatchesValue(string? candidate) =>
        candidate is not null && (_regex?.IsMatch(candidate) ?? string.Equals(candidate, Value, StringComparison.Ordinal));

    internal override void WriteFilter(StringBuilder xml)
    {
        string element = Field.ToString().ToLowerInvariant();
        if (IsNegated) xml.Append("<not>");
        xml.Append('<').Append(element).Append(IsRegex ? " re=\"1\">" : ">");
        foreach (char c in Value)
        {
            xml.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => c.ToString() });
        }
        xml.Append("</").Append(element).Append('>');
        if (IsNegated) xml.Append("</not>");
    }

    public override string ToString() => $"{Field.ToString().ToLowerInvariant()} {OperatorText(Operator)} {Quote(Value)}";

    internal static string OperatorText(WhereOperator op) => op switch
    {
        WhereOperator.Equal => "==",
        WhereOperator.NotEqual => "!=",
        WhereOperator.Matches => "=~",
        _ => "!~",
    };

    /// <summary>Single quotes with backslash escapes, as the where language reads them.</summary>
    public static string Quote(string value)
    {
        var quoted = new StringBuilder("'");
        foreach (char c in value)
        {
            if (c is '\'' or '\\') quoted.Append('\\');
            quoted.Append(c);
        }
        return quoted.Append('\'').ToString();
    }
}
