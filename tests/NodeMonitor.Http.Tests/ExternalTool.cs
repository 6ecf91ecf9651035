using System.Diagnostics;

namespace NodeMonitor.Http.Tests;

/// <summary>Runs promtool or chromium (Debian packages listed in build/apt-packages.txt) and captures what they print.</summary>
internal static class ExternalTool
{
    public static string Find(string name) =>
        new[] { "/usr/bin/" + name, "/usr/local/bin/" + name }.FirstOrDefault(File.Exists)
        ?? throw new InconclusiveException($"{name} is not installed; run build/install-deps.sh");

    public static (int ExitCode, string Stdout, string Stderr) Run(string file, IEnumerable<string> arguments, string? stdin = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} did not finish within 60 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
