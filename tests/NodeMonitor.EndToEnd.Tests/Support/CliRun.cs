using System.Diagnostics;

namespace NodeMonitor.EndToEnd.Tests.Support;

/// <summary>The outcome of one nodemonitor process.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    /// <summary>What the process printed, both streams.</summary>
    public string Output => Stdout + Stderr;

    public void AssertSucceeded(string what) => Assert.That(ExitCode, Is.EqualTo(0), $"{what} failed:\n{Output}");

    /// <summary>Runs the published CLI and waits for it (bounded, so a hang fails the test instead of CI).</summary>
    public static CliRun Invoke(params string[] args) => Invoke(args, null);

    public static CliRun Invoke(IEnumerable<string> args, IDictionary<string, string>? environment) =>
        ChildProcess.Run(Repo.Cli, args, environment: environment);

    public static Process Start(IEnumerable<string> args, IDictionary<string, string>? environment = null) =>
        ChildProcess.Start(Repo.Cli, args, environment: environment);
}
