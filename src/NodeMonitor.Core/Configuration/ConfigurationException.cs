namespace NodeMonitor.Core.Configuration;

/// <summary>
/// A user mistake in configuration, a manifest or the command line: reported as one clear line
/// (file, key, what was expected) and exit code 2, never as a stack trace.
/// </summary>
public sealed class ConfigurationException(string message, string? file = null, string? key = null) : Exception(message)
{
    public string? File { get; } = file;
    public string? Key { get; } = key;

    /// <summary>"file: key: message", leaving out the parts that are unknown.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (File is not null) parts.Add(File);
        if (Key is not null) parts.Add($"'{Key}'");
        parts.Add(Message);
        return string.Join(": ", parts);
    }
}
