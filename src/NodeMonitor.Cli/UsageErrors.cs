using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace NodeMonitor.Cli;

/// <summary>
/// Turns System.CommandLine's parse errors into messages for people: a mistyped verb or option gets the nearest valid
/// names ("did you mean 'run'?"), a value an option cannot take lists what it accepts, and no message names a .NET type.
/// Works on the whole command tree, so verbs and options added later are covered without changes here.
/// </summary>
internal static class UsageErrors
{
    /// <summary>The problems of <paramref name="parse"/>, one line each; empty when the command line is fine.</summary>
    public static IReadOnlyList<string> Describe(ParseResult parse)
    {
        var messages = new List<string>();
        var command = parse.CommandResult.Command;
        // An unknown option before a verb's argument is taken for the argument (metrics --sinse 1h): none of ours starts with '-'.
        var optionLike = parse.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(a => a.Tokens).Select(t => t.Value).Where(v => v.Length > 1 && v.StartsWith('-'));
        var unknown = optionLike.Concat(parse.UnmatchedTokens).ToList();
        string? previousUnknownOption = null;
        foreach (string token in unknown)
        {
            if (messages.Count > 0 && messages[^1].StartsWith("unknown verb", StringComparison.Ordinal))
                break; // what follows a mistyped verb belongs to it
            if (token.StartsWith('-'))
            {
                messages.Add($"unknown option '{token}'{For(parse)}{Suggest(token, OptionNames(command))}");
                previousUnknownOption = token;
            }
            else if (previousUnknownOption is not null)
            {
                previousUnknownOption = null; // most likely the value of the unknown option just named
            }
            else if (command.Subcommands.Count > 0)
            {
                messages.Add($"unknown verb '{token}'{Suggest(token, command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}");
            }
            else
            {
                messages.Add($"unexpected argument '{token}'{For(parse)}");
            }
        }

        foreach (var error in parse.Errors)
        {
            if (IsAboutUnmatchedToken(error, unknown)) continue;
            if (error.SymbolResult is CommandResult { Command.Subcommands.Count: > 0 } missing)
            {
                // "Required command was not provided.": said once, with the verbs, unless a mistyped one was named.
                string verbs = string.Join(", ", missing.Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
                if (messages.Count == 0)
                    messages.Add(missing.Command is RootCommand ? $"a verb is required: {verbs}" : $"'{missing.Command.Name}' needs one of: {verbs}");
                continue;
            }
            messages.Add(ValueProblem(error) ?? error.Message);
        }
        return messages.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The names a value of <paramref name="type"/> can take, when it is an enum (lower case, as typed).</summary>
    public static IReadOnlyList<string> EnumNames(Type type) =>
        Enum.GetNames(Nullable.GetUnderlyingType(type) ?? type).Select(n => n.ToLowerInvariant()).ToList();

    private static string For(ParseResult parse) =>
        parse.CommandResult.Command is RootCommand ? "" : $" for '{parse.CommandResult.Command.Name}'";

    private static bool IsAboutUnmatchedToken(ParseError error, IReadOnlyList<string> unknown) =>
        unknown.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal)) && error.SymbolResult is null or CommandResult;

    /// <summary>A value the option's type cannot hold, said in words: the allowed names of an enum, or the kind of number.</summary>
    private static string? ValueProblem(ParseError error)
    {
        var option = error.SymbolResult switch
        {
            OptionResult o => o,
            ArgumentResult { Parent: OptionResult o } => o,
            _ => null,
        };
        if (option is null) return null;
        Type type = ElementType(option.Option.ValueType);
        string name = option.IdentifierToken?.Value ?? option.Option.Name;
        foreach (var token in option.Tokens.Select(t => t.Value))
        {
            if (type.IsEnum && !Enum.TryParse(type, token, ignoreCase: true, out _))
                return $"'{token}' is not a valid value for {name}; use one of: {string.Join(", ", EnumNames(type))}";
            if (NumberKind(type) is { } kind && !IsNumber(type, token))
                return $"'{token}' is not a valid value for {name}; expected {kind}";
        }
        return null;
    }

    private static Type ElementType(Type type)
    {
        if (type.IsArray) type = type.GetElementType()!;
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    private static string? NumberKind(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 or TypeCode.Byte =>
            "a whole number",
        TypeCode.Double or TypeCode.Single or TypeCode.Decimal => "a number (such as 30 or 2.5)",
        _ => null,
    };

    private static bool IsNumber(Type type, string token) => Type.GetTypeCode(type) switch
    {
        TypeCode.Double or TypeCode.Single or TypeCode.Decimal =>
            double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        _ => long.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
    };

    private static IEnumerable<string> OptionNames(Command command)
    {
        var options = command.Options.AsEnumerable();
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
            options = options.Concat(parent.Options.Where(o => o.Recursive));
        return options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name));
    }

    /// <summary>"; did you mean 'run'?" for the valid names closest to what was typed, or nothing when none is close.</summary>
    internal static string Suggest(string typed, IEnumerable<string> valid)
    {
        string bare = typed.TrimStart('-').Split('=', 2)[0];
        if (bare.Length < 2) return ""; // every one-letter name is one edit away
        var close = valid.Where(name => name.TrimStart('-').Length >= 2).Distinct(StringComparer.Ordinal)
            .Select(name => (name, distance: Distance(bare, name.TrimStart('-'))))
            .Where(c => c.distance <= Math.Max(1, c.name.TrimStart('-').Length / 3) || IsPrefix(bare, c.name.TrimStart('-')))
            .OrderBy(c => c.distance).ThenBy(c => c.name, StringComparer.Ordinal)
            .Select(c => $"'{c.name}'")
            .Take(3)
            .ToList();
        return close.Count switch
        {
            0 => "",
            1 => $"; did you mean {close[0]}?",
            _ => $"; did you mean one of {string.Join(", ", close)}?",
        };
    }

    private static bool IsPrefix(string typed, string name) =>
        typed.Length >= 2 && name.StartsWith(typed, StringComparison.OrdinalIgnoreCase);

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1.</summary>
    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
