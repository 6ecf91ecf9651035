using System.Collections.Concurrent;

namespace NodeMonitor.Checks;

/// <summary>
/// A file parsed once and reused until it changes (by modification time and length), so a plugin
/// checking 200 packages parses the dpkg database once. Shared by the whole process on purpose:
/// the file is the node's, not a test's.
/// </summary>
internal sealed class FileBackedCache<T>(Func<string, T> parse) where T : class
{
    private readonly ConcurrentDictionary<string, (DateTime Written, long Length, T Value)> _entries = new();

    /// <summary>The parsed file, or null when it does not exist.</summary>
    public T? Get(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return null;
        }

        if (_entries.TryGetValue(path, out var entry) && entry.Written == info.LastWriteTimeUtc && entry.Length == info.Length)
        {
            return entry.Value;
        }

        var value = parse(path);
        _entries[path] = (info.LastWriteTimeUtc, info.Length, value);
        return value;
    }
}
