using System.Diagnostics;

namespace NodeMonitor.Notify.Tests.Support;

/// <summary>The published <c>nodemonitor</c> (artifacts/bin, from build/build.sh) as a child process, without the
/// caller's NODEMONITOR_* environment.</summary>
public static class NotifyProcess
{
    /// <summary><c>nodemonitor notify --config CONFIG</c>, left running.</summary>
    public static Process Start(string config) => Process.Start(Cli(["notify", "--config", config]))!;

    /// <summary>One command to its end (at most a minute): exit code, stdout, stderr.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        using var process = Process.Start(Cli(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"nodemonitor {string.Join(' ', args)} did not finish within a minute");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static ProcessStartInfo Cli(IEnumerable<string> args)
    {
        string cli = Path.Combine(RealEtcd.Root, "artifacts", "bin", "nodemonitor");
        if (!File.Exists(cli)) Assert.Fail($"{cli} is missing: run build/build.sh first");
        var start = new ProcessStartInfo(cli) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) start.ArgumentList.Add(a);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("NODEMONITOR_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(key);
        return start;
    }
}
