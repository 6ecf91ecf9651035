namespace NodeMonitor.Core.Configuration;

/// <summary>
/// The rule for a node name, which becomes an etcd key segment (<c>&lt;prefix&gt;failures/&lt;node&gt;</c>) and the first
/// segment of every Swift object the node writes: a DNS-style name of letters, digits, '-', '.' and '_', at most
/// <see cref="MaxLength"/> characters, not starting with '.' or '-', without "..". So no name can climb out of its own
/// key or folder ("../victim") or nest ("a/b"). The same rule guards the other parts of object names (run ids).
/// </summary>
public static class NodeName
{
    public const int MaxLength = 253;

    /// <summary>The name the elected aggregator reports cluster plugins under (<c>&lt;prefix&gt;failures/@cluster</c>, Swift
    /// <c>@cluster/failures/...</c>). '@' is not allowed in a node name, so no node can have it.</summary>
    public const string Cluster = "@cluster";

    /// <summary>Like <see cref="RequireSafe"/>, and also accepts the reserved <see cref="Cluster"/>.</summary>
    public static string RequireSafeOrReserved(string part, string what) => part == Cluster ? part : RequireSafe(part, what);

    public const string Rule = "letters, digits, '-', '.' and '_', at most 253 characters, not starting with '.' or '-', no \"..\"";

    /// <summary>What is wrong with <paramref name="name"/>, or null when it is a valid node name.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "is empty";
        if (name.Length > MaxLength) return $"is {name.Length} characters long";
        if (name[0] is '.' or '-') return $"starts with '{name[0]}'";
        if (name.Contains("..", StringComparison.Ordinal)) return "contains \"..\"";
        foreach (char c in name)
        {
            if (!IsAllowed(c)) return c == '/' ? "contains '/'" : $"contains the character U+{(int)c:X4}";
        }
        return null;
    }

    /// <summary>Checks a configured name; <paramref name="source"/> is the file (or "environment"), <paramref name="key"/> the
    /// key, variable or flag that gave it.</summary>
    /// <exception cref="ConfigurationException">The name breaks the rule; the message quotes the value (escaped).</exception>
    public static string Check(string name, string? source, string key) =>
        Problem(name) is { } problem
            ? throw new ConfigurationException($"invalid node name \"{Quoted(name)}\": it {problem}; expected {Rule}", source, key)
            : name;

    /// <summary>For code that builds keys and object names: a part that breaks the rule is a programming error here,
    /// because every name was checked when the configuration loaded.</summary>
    /// <exception cref="ArgumentException">The part breaks the rule.</exception>
    public static string RequireSafe(string part, string what) =>
        Problem(part) is { } problem ? throw new ArgumentException($"unsafe {what} \"{Quoted(part)}\": it {problem}", nameof(part)) : part;

    private static bool IsAllowed(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.' or '_';

    private static string Quoted(string name)
    {
        string shown = name.Length > 80 ? name[..80] + "…" : name;
        return string.Concat(shown.Select(c => c < ' ' || c == '\u007f' || char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
    }
}
