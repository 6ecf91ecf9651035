using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Reporting;

/// <summary>Writes result files. Checked before the run (as nunit3-console does), written atomically after it.</summary>
public static class ResultFileWriter
{
    /// <summary>Fails now, before any test runs, when the file could not be written later.</summary>
    /// <remarks>Creates the parent folder when it is missing, like nunit3-console.</remarks>
    /// <exception cref="ConfigurationException">The path is a directory or its folder cannot be written.</exception>
    public static void EnsureWritable(ResultFileSpec spec)
    {
        string path = Path.GetFullPath(spec.Path);
        if (Directory.Exists(path))
            throw new ConfigurationException("the result file path is a directory", path, "--result");
        string probe = TempPathFor(path);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            if (File.Exists(path) && File.GetAttributes(path).HasFlag(FileAttributes.ReadOnly))
                throw new ConfigurationException("the result file exists and is read-only", path, "--result");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"cannot write the result file: {e.Message}", path, "--result");
        }
    }

    /// <summary>Writes <paramref name="run"/>; a reader never sees a half-written file (temp file, then rename).</summary>
    public static void Write(RunResult run, ResultFileSpec spec)
    {
        string path = Path.GetFullPath(spec.Path);
        string temp = TempPathFor(path);
        try
        {
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 64 * 1024))
                ResultFormats.Write(run, spec.Format, file);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Beside the target, so the rename stays on one file system and is atomic.</summary>
    private static string TempPathFor(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
}
