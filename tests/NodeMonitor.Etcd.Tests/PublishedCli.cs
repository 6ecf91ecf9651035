using System.Diagnostics;

namespace NodeMonitor.Etcd.Tests;

/// <summary>The published CLI (artifacts/bin/nodemonitor, made by build/build.sh) and the published fixture plugins.</summary>
internal static class PublishedCli
{
    /// <summary>Runs the CLI without the caller's NODEMONITOR_* variables (plus <paramref name="environment"/>), bounded so a
    /// hang fails the test.</summary>
    public static CliResult Run(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        string cli = Path.Combine(RealServices.Root, "artifacts", "bin", "nodemonitor");
        if (!File.Exists(cli)) Assert.Fail($"{cli} is missing: run build/build.sh first");
        var start = new ProcessStartInfo(cli) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("NODEMONITOR_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("nodemonitor did not finish within 3 minutes");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Copies the published fixture <paramref name="name"/> to <paramref name="to"/>.</summary>
    public static void CopyFixture(string name, string to)
    {
        string from = Path.Combine(RealServices.Root, "artifacts", "fixtures", name);
        if (!Directory.Exists(from)) Assert.Fail($"{from} is missing: run build/build.sh first");
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal), overwrite: true);
    }
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
