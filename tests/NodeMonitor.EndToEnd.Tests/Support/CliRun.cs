using System.Diagnostics;

namespace NodeMonitor.EndToEnd.Tests.Support;

/// <summary>The outcome of one nodemonitor process.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    /// <summary>Runs the published CLI and waits for it (bounded, so a hang fails the test instead of CI).</summary>
    public static CliRun Invoke(params string[] args) => Invoke(args, null);

    public static CliRun Invoke(IEnumerable<string> args, IDictionary<string, string>? environment)
    {
        using var process = Start(args, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"nodemonitor {string.Join(' ', args)} did not finish within 3 minutes");
        }
        return new CliRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static Process Start(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(Repo.Cli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        // Keep the machine's own configuration out of the tests.
        info.Environment["NODEMONITOR_CONFIG"] = "";
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("NODEMONITOR_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        if (environment is not null) foreach (var (k, v) in environment) info.Environment[k] = v;
        return Process.Start(info) ?? throw new InvalidOperationException("could not start nodemonitor");
    }
}
