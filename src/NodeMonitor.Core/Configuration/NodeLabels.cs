namespace NodeMonitor.Core.Configuration;

/// <summary>
/// The rules for what a node tells the cluster about itself: labels (configured) and facts (published by its tests).
/// Both travel in the heartbeat value, so both are bounded: a name is 1 to <see cref="MaxNameLength"/> characters of
/// letters, digits, '_', '-', '.' and '/', starting with a letter or digit; a value is printable text.
/// </summary>
public static class NodeLabels
{
    public const int MaxLabels = 32;
    public const int MaxNameLength = 63;
    public const int MaxLabelValueLength = 256;

    /// <summary>What is wrong with <paramref name="name"/> as a label or fact name, or null.</summary>
    public static string? NameProblem(string name)
    {
        if (name.Length == 0) return "is empty";
        if (name.Length > MaxNameLength) return $"is {name.Length} characters long (at most {MaxNameLength})";
        if (!char.IsAsciiLetterOrDigit(name[0])) return "does not start with a letter or digit";
        return name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/') ? null
            : "contains a character other than letters, digits, '_', '-', '.' and '/'";
    }

    /// <summary>What is wrong with <paramref name="value"/> as a label or fact value of at most <paramref name="maxLength"/>.</summary>
    public static string? ValueProblem(string value, int maxLength) =>
        value.Length > maxLength ? $"is {value.Length} characters long (at most {maxLength})"
        : value.Any(char.IsControl) ? "contains a control character"
        : null;

    /// <exception cref="ConfigurationException">Too many labels, or a name or value breaks the rule.</exception>
    public static IReadOnlyDictionary<string, string> Check(IReadOnlyDictionary<string, string> labels, string? source, string key)
    {
        if (labels.Count > MaxLabels)
            throw new ConfigurationException($"{labels.Count} labels; at most {MaxLabels}", source, key);
        foreach (var (name, value) in labels)
        {
            if (NameProblem(name) is { } problem)
                throw new ConfigurationException($"label name \"{name}\" {problem}", source, $"{key}.{name}");
            if (ValueProblem(value, MaxLabelValueLength) is { } valueProblem)
                throw new ConfigurationException($"the value {valueProblem}", source, $"{key}.{name}");
        }
        return new SortedDictionary<string, string>(labels.ToDictionary(), StringComparer.Ordinal);
    }

    /// <summary>Reads <c>name=value,name=value</c> (the environment's form).</summary>
    /// <exception cref="ConfigurationException">An item without '=' or a name given twice.</exception>
    public static IReadOnlyDictionary<string, string> ParseList(string text, string variable)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new ConfigurationException($"expected name=value, found \"{item}\"", "environment", variable);
            if (!labels.TryAdd(item[..eq].Trim(), item[(eq + 1)..].Trim()))
                throw new ConfigurationException($"the label {item[..eq].Trim()} appears more than once", "environment", variable);
        }
        return labels;
    }
}
