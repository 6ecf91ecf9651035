using System.Xml;

namespace NodeMonitor.Core.Selection;

/// <summary>Recursive-descent parser of the where language into a <see cref="WhereExpression"/> tree.</summary>
internal sealed class WhereParser(string text, IReadOnlyList<WhereToken> tokens)
{
    private static readonly string[] Fields = Enum.GetNames<WhereField>().Select(f => f.ToLowerInvariant()).ToArray();
    private int _next;

    private WhereToken Current => tokens[_next];

    public WhereExpression ParseAll()
    {
        var expression = ParseOr();
        if (Current.Kind != WhereTokenKind.End)
            throw Error($"expected 'and', 'or' or the end of the expression but found {Current.Describe()}");
        return expression;
    }

    private WhereExpression ParseOr()
    {
        var parts = new List<WhereExpression> { ParseAnd() };
        while (Current.Kind == WhereTokenKind.Or) { _next++; parts.Add(ParseAnd()); }
        return parts.Count == 1 ? parts[0] : new WhereOr(parts);
    }

    private WhereExpression ParseAnd()
    {
        var parts = new List<WhereExpression> { ParseFactor() };
        while (Current.Kind == WhereTokenKind.And) { _next++; parts.Add(ParseFactor()); }
        return parts.Count == 1 ? parts[0] : new WhereAnd(parts);
    }

    private WhereExpression ParseFactor()
    {
        var token = Current;
        switch (token.Kind)
        {
            case WhereTokenKind.Not:
                _next++;
                return new WhereNot(ParseFactor());
            case WhereTokenKind.Open:
                _next++;
                var inner = ParseOr();
                if (Current.Kind != WhereTokenKind.Close)
                    throw Error($"expected ')' to close the '(' at position {token.Position + 1} but found {Current.Describe()}");
                _next++;
                return inner;
            case WhereTokenKind.Word:
                return ParseComparison();
            default:
                throw Error($"expected a field ({string.Join(", ", Fields)}), 'not' or '(' but found {token.Describe()}");
        }
    }

    private WhereComparison ParseComparison()
    {
        var fieldToken = Current;
        int field = Array.IndexOf(Fields, fieldToken.Text.ToLowerInvariant());
        if (field < 0)
            throw Error($"unknown field '{fieldToken.Text}'; expected one of {string.Join(", ", Fields)}");
        _next++;

        var op = Current;
        if (op.Kind != WhereTokenKind.Operator)
            throw Error($"expected an operator (==, =, !=, =~, !~) after '{fieldToken.Text}' but found {op.Describe()}");
        _next++;

        var value = Current;
        if (value.Kind is not (WhereTokenKind.Word or WhereTokenKind.Quoted))
            throw Error($"expected a value after '{fieldToken.Text} {op.Text}' but found {value.Describe()}");
        if (value.Text.FirstOrDefault(c => !XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c)) is var bad && bad != default)
            throw Error($"the value contains the control character U+{(int)bad:X4}, which a test selection cannot carry");
        _next++;

        var kind = op.Text switch
        {
            "!=" => WhereOperator.NotEqual,
            "=~" => WhereOperator.Matches,
            "!~" => WhereOperator.NotMatches,
            _ => WhereOperator.Equal,
        };
        bool regex = kind is WhereOperator.Matches or WhereOperator.NotMatches;
        if (regex && (WhereField)field == WhereField.Id)
            throw new WhereSyntaxException(At(op.Position, $"'id' supports only == and !=, not {op.Text}"), text, op.Position);
        try
        {
            return new WhereComparison((WhereField)field, kind, value.Text);
        }
        catch (ArgumentException e) when (regex)
        {
            throw new WhereSyntaxException(At(value.Position, $"invalid regular expression {value.Describe()}: {e.Message}"), text, value.Position);
        }
    }

    private static string At(int position, string what) => $"Error at position {position + 1} of the where expression: {what}";

    private WhereSyntaxException Error(string what) => new(At(Current.Position, what), text, Current.Position);
}
