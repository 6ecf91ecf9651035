namespace NodeMonitor.Execution.Selection;

/// <summary>Recursive-descent parser producing NUnit filter elements (without the outer &lt;filter&gt;).</summary>
internal sealed class WhereParser(string text, IReadOnlyList<WhereToken> tokens)
{
    private static readonly string[] Fields = ["cat", "test", "class", "method", "name", "namespace", "id"];
    private int _next;

    private WhereToken Current => tokens[_next];

    public string ParseAll()
    {
        string xml = ParseOr();
        if (Current.Kind != WhereTokenKind.End)
            throw Error($"expected 'and', 'or' or the end of the expression but found {Current.Describe()}");
        return xml;
    }

    private string ParseOr()
    {
        var parts = new List<string> { ParseAnd() };
        while (Current.Kind == WhereTokenKind.Or) { _next++; parts.Add(ParseAnd()); }
        return parts.Count == 1 ? parts[0] : $"<or>{string.Concat(parts)}</or>";
    }

    private string ParseAnd()
    {
        var parts = new List<string> { ParseFactor() };
        while (Current.Kind == WhereTokenKind.And) { _next++; parts.Add(ParseFactor()); }
        return parts.Count == 1 ? parts[0] : $"<and>{string.Concat(parts)}</and>";
    }

    private string ParseFactor()
    {
        var token = Current;
        switch (token.Kind)
        {
            case WhereTokenKind.Not:
                _next++;
                return $"<not>{ParseFactor()}</not>";
            case WhereTokenKind.Open:
                _next++;
                string inner = ParseOr();
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

    private string ParseComparison()
    {
        var fieldToken = Current;
        string field = fieldToken.Text.ToLowerInvariant();
        if (!Fields.Contains(field))
            throw Error($"unknown field '{fieldToken.Text}'; expected one of {string.Join(", ", Fields)}");
        _next++;

        var op = Current;
        if (op.Kind != WhereTokenKind.Operator)
            throw Error($"expected an operator (==, =, !=, =~, !~) after '{fieldToken.Text}' but found {op.Describe()}");
        _next++;

        var value = Current;
        if (value.Kind is not (WhereTokenKind.Word or WhereTokenKind.Quoted))
            throw Error($"expected a value after '{fieldToken.Text} {op.Text}' but found {value.Describe()}");
        _next++;

        bool regex = op.Text is "=~" or "!~";
        bool negated = op.Text is "!=" or "!~";
        if (regex && field == "id")
            throw new WhereSyntaxException(
                $"Error at position {op.Position + 1} of the where expression: 'id' supports only == and !=, not {op.Text}", text, op.Position);

        string element = $"<{field}{(regex ? " re=\"1\"" : "")}>{EscapeText(value.Text)}</{field}>";
        return negated ? $"<not>{element}</not>" : element;
    }

    private static string EscapeText(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private WhereSyntaxException Error(string what) =>
        new($"Error at position {Current.Position + 1} of the where expression: {what}", text, Current.Position);
}
