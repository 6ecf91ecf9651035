namespace NodeMonitor.Core.Nagios;

/// <summary>
/// Reads command definitions in nrpe.cfg syntax, <c>command[check_root]=/usr/lib/nagios/plugins/check_disk -p /</c>.
/// An operator drops an existing nrpe.cfg into a plugin folder as it is: its server settings
/// (server_port, allowed_hosts, include, ...) mean nothing here and are ignored with a note, never an error.
/// </summary>
public static class NrpeConfigParser
{
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static NrpeConfig ParseFile(string path) => Parse(File.ReadAllLines(path), Path.GetFullPath(path));

    public static NrpeConfig Parse(IReadOnlyList<string> lines, string file)
    {
        var commands = new List<NagiosCommand>();
        var notes = new List<NrpeNote>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < lines.Count; i++)
        {
            int number = i + 1;
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (!line.StartsWith("command[", StringComparison.Ordinal))
            {
                notes.Add(new NrpeNote(file, number, $"ignored, not a command definition: {Shorten(line)}"));
                continue;
            }
            int close = line.IndexOf(']', StringComparison.Ordinal);
            string name = close > 0 ? line[8..close].Trim() : "";
            string rest = close > 0 ? line[(close + 1)..].TrimStart() : "";
            if (name.Length == 0 || !rest.StartsWith('='))
            {
                notes.Add(new NrpeNote(file, number, $"ignored, expected command[name]=command line: {Shorten(line)}"));
                continue;
            }
            string commandLine = rest[1..].Trim();
            if (commandLine.Length == 0)
            {
                notes.Add(new NrpeNote(file, number, $"ignored, command '{name}' has an empty command line"));
                continue;
            }
            // nrpe keeps the last definition of a name; so do we, and say so.
            if (seen.TryGetValue(name, out int earlier))
            {
                notes.Add(new NrpeNote(file, commands[earlier].Line, $"command '{name}' is defined again on line {number}; the later definition is used"));
                commands[earlier] = new NagiosCommand(name, commandLine, file, number);
                continue;
            }
            seen[name] = commands.Count;
            commands.Add(new NagiosCommand(name, commandLine, file, number));
        }
        return new NrpeConfig(commands, notes);
    }

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..77] + "...";
}
