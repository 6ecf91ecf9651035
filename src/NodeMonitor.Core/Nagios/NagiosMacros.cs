using NodeMonitor.Core.Configuration;

namespace NodeMonitor.Core.Nagios;

/// <summary>Replaces <c>$NAME$</c> macros in a command line, as Nagios does with resource.cfg's $USERn$; <c>$$</c> is a literal <c>$</c>.</summary>
public static class NagiosMacros
{
    /// <exception cref="ConfigurationException">A macro has no value (the message names it and the definition's file and line).</exception>
    public static string Resolve(NagiosCommand command, IReadOnlyDictionary<string, string> macros)
    {
        string text = command.CommandLine;
        var resolved = new System.Text.StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            int open = text.IndexOf('$', i);
            if (open < 0) break;
            int close = text.IndexOf('$', open + 1);
            if (close < 0) break; // a lone '$' is left to the shell, as Nagios does
            resolved.Append(text, i, open - i);
            string name = text[(open + 1)..close];
            if (name.Length == 0) resolved.Append('$');
            else if (!IsMacroName(name)) { resolved.Append(text, open, close - open); i = close; continue; }
            else if (macros.TryGetValue(name, out string? value)) resolved.Append(value);
            else
            {
                string known = macros.Count == 0 ? "none are set" : "set: " + string.Join(", ", macros.Keys.Order(StringComparer.Ordinal));
                throw new ConfigurationException(
                    $"unknown macro ${name}$ in command '{command.Name}'; define it under nagios.macros in nodemonitor.json ({known})",
                    command.Location);
            }
            i = close + 1;
        }
        resolved.Append(text, i, text.Length - i);
        return resolved.ToString();
    }

    /// <summary>Resolves every command once, so an unknown macro stops <c>validate</c> and <c>run</c> before anything runs.</summary>
    /// <exception cref="ConfigurationException">The first command with a macro that has no value.</exception>
    public static void CheckAll(IEnumerable<NagiosCommand> commands, IReadOnlyDictionary<string, string> macros)
    {
        foreach (var command in commands) Resolve(command, macros);
    }

    /// <summary>Nagios macro names are upper-case letters, digits and '_' (so "$(date)" or "$HOME" are left to the shell).</summary>
    private static bool IsMacroName(string name) => name.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_');
}
