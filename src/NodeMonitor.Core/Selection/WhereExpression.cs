using System.Text;

namespace NodeMonitor.Core.Selection;

/// <summary>
/// A test selection in nunit3-console's <c>--where</c> language, parsed once into a syntax tree:
/// <see cref="WhereAnd"/>, <see cref="WhereOr"/>, <see cref="WhereNot"/> and <see cref="WhereComparison"/>.
/// The tree becomes NUnit filter XML for FrameworkController (<see cref="ToFilterXml"/>), is evaluated without NUnit
/// where there is no NUnit (<see cref="Matches"/>: Nagios commands), and prints back as where text
/// (<see cref="ToString"/>: a canonical form that parses to the same tree). Grammar:
/// <code>
/// expr    := term (('or' | '||') term)*
/// term    := factor (('and' | '&amp;&amp;') factor)*
/// factor  := ('not' | '!') factor | '(' expr ')' | field op value
/// field   := cat | test | class | method | name | namespace | id
/// op      := '==' | '=' | '!=' | '=~' | '!~'
/// value   := bare word | 'single quoted' | "double quoted"   (backslash escapes the quote and itself)
/// </code>
/// </summary>
public abstract record WhereExpression
{
    /// <exception cref="WhereSyntaxException">The text does not parse (a blank text included); the message names the position.</exception>
    public static WhereExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new WhereParser(text, WhereTokenizer.Tokenize(text)).ParseAll();
    }

    /// <summary>All of <paramref name="parts"/> (nulls left out): null when none is left, the part itself when one is.</summary>
    public static WhereExpression? AllOf(params WhereExpression?[] parts)
    {
        var present = parts.OfType<WhereExpression>().ToList();
        return present.Count switch { 0 => null, 1 => present[0], _ => new WhereAnd(present) };
    }

    /// <summary>Any of <paramref name="parts"/>: null when there are none, the part itself when there is one.</summary>
    public static WhereExpression? AnyOf(IReadOnlyList<WhereExpression> parts) =>
        parts.Count switch { 0 => null, 1 => parts[0], _ => new WhereOr(parts) };

    /// <summary>NUnit's filter XML (<c>&lt;filter&gt;...&lt;/filter&gt;</c>), as FrameworkController takes it.</summary>
    public string ToFilterXml()
    {
        var xml = new StringBuilder("<filter>");
        WriteFilter(xml);
        return xml.Append("</filter>").ToString();
    }

    /// <summary>
    /// Whether <paramref name="test"/> is selected, as NUnit's filters decide for a test case: a comparison holds when
    /// the test or any suite above it matches (<c>test == Ns.Fixture</c> selects the fixture's tests), and a negated one
    /// when neither does.
    /// </summary>
    public abstract bool Matches(SelectableTest test);

    internal abstract void WriteFilter(StringBuilder xml);

    /// <summary>Where text that parses back to this tree.</summary>
    public abstract override string ToString();

    private protected static void WriteElement(StringBuilder xml, string element, IEnumerable<WhereExpression> parts)
    {
        xml.Append('<').Append(element).Append('>');
        foreach (var part in parts) part.WriteFilter(xml);
        xml.Append("</").Append(element).Append('>');
    }

    /// <summary>A part of an and/or: compound parts are parenthesised so the printed text keeps the tree's shape.</summary>
    private protected static string Operand(WhereExpression part) =>
        part is WhereAnd or WhereOr ? $"({part})" : part.ToString();
}

/// <summary>Every part holds.</summary>
public sealed record WhereAnd(IReadOnlyList<WhereExpression> Parts) : WhereExpression
{
    public override bool Matches(SelectableTest test) => Parts.All(p => p.Matches(test));

    public bool Equals(WhereAnd? other) => other is not null && Parts.SequenceEqual(other.Parts);

    public override int GetHashCode() => Parts.Aggregate(1, HashCode.Combine);

    internal override void WriteFilter(StringBuilder xml) => WriteElement(xml, "and", Parts);

    public override string ToString() => string.Join(" and ", Parts.Select(Operand));
}

/// <summary>At least one part holds.</summary>
public sealed record WhereOr(IReadOnlyList<WhereExpression> Parts) : WhereExpression
{
    public override bool Matches(SelectableTest test) => Parts.Any(p => p.Matches(test));

    public bool Equals(WhereOr? other) => other is not null && Parts.SequenceEqual(other.Parts);

    public override int GetHashCode() => Parts.Aggregate(2, HashCode.Combine);

    internal override void WriteFilter(StringBuilder xml) => WriteElement(xml, "or", Parts);

    public override string ToString() => string.Join(" or ", Parts.Select(Operand));
}

/// <summary>The part does not hold.</summary>
public sealed record WhereNot(WhereExpression Part) : WhereExpression
{
    public override bool Matches(SelectableTest test) => !Part.Matches(test);

    internal override void WriteFilter(StringBuilder xml) => WriteElement(xml, "not", [Part]);

    public override string ToString() => $"not {Operand(Part)}";
}
