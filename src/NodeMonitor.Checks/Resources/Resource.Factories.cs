namespace NodeMonitor.Checks;

public abstract partial class Resource
{
    /// <summary>A regular file (symbolic links followed); <c>Its.Present</c> fails for a directory.</summary>
    public static FileResource File(string path) => new(path, directory: false);

    /// <summary>A directory (symbolic links followed).</summary>
    public static FileResource Directory(string path) => new(path, directory: true);
}
