using NodeMonitor.Execution.Selection;

namespace NodeMonitor.Execution;

/// <summary>
/// nunit3-console's <c>--where</c> test selection language, translated into the filter XML that
/// NUnit's FrameworkController accepts. Grammar:
/// <code>
/// expr    := term (('or' | '||') term)*
/// term    := factor (('and' | '&amp;&amp;') factor)*
/// factor  := ('not' | '!') factor | '(' expr ')' | field op value
/// field   := cat | test | class | method | name | namespace | id
/// op      := '==' | '=' | '!=' | '=~' | '!~'
/// value   := bare word | 'single quoted' | "double quoted"   (backslash escapes the quote)
/// </code>
/// </summary>
public static class WhereExpression
{
    /// <summary>Translates <paramref name="where"/> into <c>&lt;filter&gt;...&lt;/filter&gt;</c>; a blank expression selects everything.</summary>
    /// <exception cref="WhereSyntaxException">The expression does not parse.</exception>
    public static string ToFilterXml(string where)
    {
        ArgumentNullException.ThrowIfNull(where);
        if (string.IsNullOrWhiteSpace(where)) return "<filter />";
        var tokens = WhereTokenizer.Tokenize(where);
        return $"<filter>{new WhereParser(where, tokens).ParseAll()}</filter>";
    }
}
