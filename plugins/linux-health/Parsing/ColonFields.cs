namespace NodeMonitor.Plugins.LinuxHealth.Parsing;

/// <summary>"Name : value" lines (chronyc, timedatectl) as a dictionary; the first colon splits.</summary>
public static class ColonFields
{
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
                fields.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
        }
        return fields;
    }
}
