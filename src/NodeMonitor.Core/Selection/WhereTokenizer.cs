using System.Text;

namespace NodeMonitor.Core.Selection;

/// <summary>Splits a where expression into words, quoted strings, operators and parentheses.</summary>
internal static class WhereTokenizer
{
    private const string SymbolChars = "=!~()&|'\"";

    public static IReadOnlyList<WhereToken> Tokenize(string text)
    {
        var tokens = new List<WhereToken>();
        int i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length) break;
            int start = i;
            char c = text[i];
            string two = i + 1 < text.Length ? text.Substring(i, 2) : c.ToString();
            switch (two)
            {
                case "==" or "!=" or "=~" or "!~":
                    tokens.Add(new(WhereTokenKind.Operator, two, start)); i += 2; continue;
                case "&&":
                    tokens.Add(new(WhereTokenKind.And, two, start)); i += 2; continue;
                case "||":
                    tokens.Add(new(WhereTokenKind.Or, two, start)); i += 2; continue;
            }
            switch (c)
            {
                case '=': tokens.Add(new(WhereTokenKind.Operator, "=", start)); i++; continue;
                case '!': tokens.Add(new(WhereTokenKind.Not, "!", start)); i++; continue;
                case '(': tokens.Add(new(WhereTokenKind.Open, "(", start)); i++; continue;
                case ')': tokens.Add(new(WhereTokenKind.Close, ")", start)); i++; continue;
                case '\'' or '"': tokens.Add(ReadQuoted(text, ref i)); continue;
                case '&' or '|' or '~':
                    throw new WhereSyntaxException(
                        $"Unexpected '{c}' at position {start + 1} of the where expression; did you mean '{c}{c}'?", text, start);
            }
            tokens.Add(ReadWord(text, ref i, tokens));
        }
        tokens.Add(new(WhereTokenKind.End, "", text.Length));
        return tokens;
    }

    private static WhereToken ReadQuoted(string text, ref int i)
    {
        int start = i;
        char quote = text[i++];
        var value = new StringBuilder();
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\' && i + 1 < text.Length && (text[i + 1] == quote || text[i + 1] == '\\')) i++;
            value.Append(text[i++]);
        }
        if (i >= text.Length)
            throw new WhereSyntaxException(
                $"Unterminated string starting at position {start + 1} of the where expression; expected a closing {quote}", text, start);
        i++;
        return new(WhereTokenKind.Quoted, value.ToString(), start);
    }

    // A bare value right after an operator may carry balanced parentheses, so that
    // `test == Ns.Fixture.Method(1,2)` works without quotes.
    private static WhereToken ReadWord(string text, ref int i, List<WhereToken> before)
    {
        int start = i;
        bool isValue = before.Count > 0 && before[^1].Kind == WhereTokenKind.Operator;
        int depth = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (isValue && c == '(') { depth++; i++; continue; }
            if (isValue && c == ')' && depth > 0) { depth--; i++; continue; }
            if (depth == 0 && (char.IsWhiteSpace(c) || SymbolChars.Contains(c))) break;
            i++;
        }
        string word = text[start..i];
        var kind = word.ToLowerInvariant() switch
        {
            "and" when !isValue => WhereTokenKind.And,
            "or" when !isValue => WhereTokenKind.Or,
            "not" when !isValue => WhereTokenKind.Not,
            _ => WhereTokenKind.Word,
        };
        return new(kind, word, start);
    }
}
