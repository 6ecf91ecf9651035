using System.Diagnostics;

namespace NodeMonitor.EndToEnd.Tests.Support;

/// <summary>A small tmpfs mounted for one test (root only), so a full or read-only disk is real; unmounted on dispose.</summary>
internal sealed class SmallDisk : IDisposable
{
    public SmallDisk(string path, string size)
    {
        if (Environment.UserName != "root") Assert.Ignore("mounting a tmpfs needs root");
        Path = path;
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path);
    }

    public string Path { get; }

    /// <summary>Writes zeros until the file system refuses more.</summary>
    public void Fill()
    {
        using var filler = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create);
        var block = new byte[4096];
        try
        {
            while (true) filler.Write(block);
        }
        catch (IOException)
        {
            // full
        }
    }

    public void MakeReadOnly() => Run("mount", "-o", "remount,ro", Path);

    public void Dispose() => Run("umount", "-l", Path);

    public static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) Assert.Fail($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {error}");
    }
}
