using System.Diagnostics;

namespace NodeMonitor.EndToEnd.Tests.Support;

/// <summary>Runs one program to its end for a test: output captured, the machine's own NodeMonitor settings
/// (NODEMONITOR_*) kept out, and a time limit so a hang fails the test instead of CI.</summary>
internal static class ChildProcess
{
    public static CliRun Run(string program, IEnumerable<string> args, string? workingDirectory = null,
        IDictionary<string, string>? environment = null, TimeSpan? limit = null, string? stdin = null)
    {
        var argList = args.ToList();
        using var process = Start(program, argList, workingDirectory, environment, redirectInput: true);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var wait = limit ?? TimeSpan.FromMinutes(3);
        if (!process.WaitForExit(wait))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(program)} {string.Join(' ', argList)} did not finish within {wait.TotalMinutes:0.#} minutes");
        }
        return new CliRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts a program that the caller waits for or stops (e.g. <c>nodemonitor serve</c>).</summary>
    public static Process Start(string program, IEnumerable<string> args, string? workingDirectory = null,
        IDictionary<string, string>? environment = null, bool redirectInput = true)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("NODEMONITOR_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        info.Environment["NODEMONITOR_CONFIG"] = "";
        if (environment is not null) foreach (var (k, v) in environment) info.Environment[k] = v;
        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
    }
}
