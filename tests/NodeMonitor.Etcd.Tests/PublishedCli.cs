using System.Diagnostics;

namespace NodeMonitor.Etcd.Tests;

/// <summary>The published CLI (artifacts/bin/nodemonitor, made by build/build.sh) and the fixtures it runs.</summary>
internal static class PublishedCli
{
    /// <summary>Runs the CLI without any NODEMONITOR_* variable of the test host, bounded so a hang fails the test.</summary>
    public static CliResult Run(params string[] args) => Run(args, new Dictionary<string, string>());

    /// <summary>As <see cref="Run(string[])"/>, with <paramref name="environment"/> added to the CLI's environment.</summary>
    public static CliResult Run(string[] args, IReadOnlyDictionary<string, string> environment)
    {
        string cli = Path.Combine(RealServices.Root, "artifacts", "bin", "nodemonitor");
        if (!File.Exists(cli)) Assert.Fail($"{cli} is missing: run build/build.sh first");
        var start = new ProcessStartInfo(cli) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("NODEMONITOR_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"nodemonitor {string.Join(' ', args)} did not finish within 3 minutes");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Copies a built fixture plugin into <paramref name="pluginRoot"/> (a copy, so a test may edit its plugin.json).</summary>
    public static string CopyFixture(string name, string pluginRoot, string? asName = null)
    {
        string from = Path.Combine(RealServices.Root, "artifacts", "fixtures", name);
        string to = Path.Combine(pluginRoot, asName ?? name);
        if (!Directory.Exists(from)) Assert.Fail($"{from} is missing: run build/build.sh first");
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal), overwrite: true);
        return to;
    }
}

/// <summary>The outcome of one CLI process.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    public void AssertExit(int expected, string what) => Assert.That(ExitCode, Is.EqualTo(expected), $"{what}:\n{this}");
}
