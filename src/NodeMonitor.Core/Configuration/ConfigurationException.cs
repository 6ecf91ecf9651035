namespace NodeMonitor.Core.Configuration;

/// <summary>
/// A user mistake in configuration, a manifest or the command line: reported as one clear line
/// (file, position, key, what was expected) and exit code 2, never as a stack trace.
/// </summary>
public sealed class ConfigurationException(string message, string? file = null, string? key = null, SourcePosition? position = null)
    : Exception(message)
{
    public string? File { get; } = file;
    public string? Key { get; } = key;

    /// <summary>Where in <see cref="File"/> the mistake is (the key's value or name, or the broken JSON), when known.</summary>
    public SourcePosition? Position { get; } = position;

    /// <summary>The same error pointing at <paramref name="at"/>.</summary>
    public ConfigurationException At(SourcePosition at) => new(Message, File, Key, at);

    /// <summary>"file:line:column: 'key': message" (as compilers print it), leaving out the parts that are unknown.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (File is not null) parts.Add(Position is { } p ? $"{File}:{p}" : File);
        if (Key is not null) parts.Add($"'{Key}'");
        parts.Add(Message);
        return string.Join(": ", parts);
    }
}
