using NodeMonitor.Core.Nagios;

namespace NodeMonitor.Core.Discovery;

/// <summary>The Nagios command definitions of a plugin folder: every top-level *.cfg file, in name order.</summary>
internal static class NagiosCommandFiles
{
    public static IReadOnlyList<NagiosCommand> Read(string plugin, string directory, List<DiscoveryNote> notes)
    {
        string[] files;
        try
        {
            files = Directory.GetFiles(directory, "*.cfg");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return []; // the assembly probe reports an unreadable folder
        }
        Array.Sort(files, StringComparer.Ordinal);
        var byName = new Dictionary<string, NagiosCommand>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            NrpeConfig config;
            try
            {
                config = NrpeConfigParser.ParseFile(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                notes.Add(new DiscoveryNote(plugin, $"{file}: cannot read: {e.Message}"));
                continue;
            }
            notes.AddRange(config.Notes.Select(n => new DiscoveryNote(plugin, n.ToString())));
            foreach (var command in config.Commands)
            {
                if (byName.TryGetValue(command.Name, out var earlier))
                    notes.Add(new DiscoveryNote(plugin, $"{command.Location}: command '{command.Name}' is also defined at {earlier.Location}; this later one is used"));
                byName[command.Name] = command;
            }
        }
        return byName.Values.OrderBy(c => c.File, StringComparer.Ordinal).ThenBy(c => c.Line).ToList();
    }
}
