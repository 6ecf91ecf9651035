using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

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

    /// <summary>Writes a nodemonitor.json reporting to the test etcd (or <paramref name="etcdEndpoint"/>) and, unless told
    /// otherwise, the test Swift.</summary>
    public static string WriteConfig(string file, ConfigShape shape)
    {
        File.WriteAllText(file, JsonSerializer.Serialize(new
        {
            node = shape.Node,
            labels = shape.Labels,
            pluginRoot = shape.PluginRoot,
            stateDirectory = shape.State,
            etcd = new { endpoints = new[] { shape.EtcdEndpoint ?? RealServices.EtcdUrl }, prefix = shape.Prefix, deadlineSeconds = shape.DeadlineSeconds },
            swift = shape.WithSwift
                ? new { authUrl = RealServices.SwiftAuthUrl, user = "test:tester", key = "testing", container = shape.Container, deadlineSeconds = shape.DeadlineSeconds }
                : null,
            report = new { budgetSeconds = shape.BudgetSeconds, heartbeatMinutes = shape.HeartbeatMinutes, runIntervalSeconds = shape.RunIntervalSeconds },
        }, new JsonSerializerOptions { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull }));
        return file;
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

/// <summary>What <see cref="PublishedCli.WriteConfig"/> writes; a null <paramref name="HeartbeatMinutes"/> keeps the default.</summary>
internal sealed record ConfigShape(string Node, string PluginRoot, string State, string Prefix, string Container)
{
    public string? EtcdEndpoint { get; init; }
    public bool WithSwift { get; init; } = true;
    public double DeadlineSeconds { get; init; } = 2;
    public double BudgetSeconds { get; init; } = 10;
    public int? HeartbeatMinutes { get; init; }
    public double? RunIntervalSeconds { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

/// <summary>The outcome of one CLI process.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    public void AssertExit(int expected, string what) => Assert.That(ExitCode, Is.EqualTo(expected), $"{what}:\n{this}");
}
