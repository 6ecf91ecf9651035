using System.Text;

namespace NodeMonitor.Core.Discovery;

/// <summary>
/// Combines selections as text in nunit3-console's where language. Parsing it is the execution
/// layer's job; here each part is parenthesised so that an <c>or</c> inside one cannot widen another.
/// </summary>
internal static class WhereExpression
{
    /// <returns>The parts joined with <c>and</c>, or null when there are none.</returns>
    public static string? Combine(IReadOnlyList<string> categories, string? manifestWhere, string? commandLineWhere)
    {
        var parts = new List<string>();
        if (categories.Count > 0)
            parts.Add(string.Join(" or ", categories.Select(c => $"cat == {Quote(c)}")));
        if (!string.IsNullOrWhiteSpace(manifestWhere)) parts.Add(manifestWhere.Trim());
        if (!string.IsNullOrWhiteSpace(commandLineWhere)) parts.Add(commandLineWhere.Trim());
        return parts.Count == 0 ? null : string.Join(" and ", parts.Select(p => $"({p})"));
    }

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
