using System.Diagnostics;
using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>
/// `nodemonitor run` against the hostile fixture plugin (tests/fixtures/Hostile), one attack per category, always
/// beside a well-behaved plugin: the attacked plugin fails with a clear reason, the other one and the run survive.
/// </summary>
[TestFixture]
[Category("Integration")]
[Parallelizable(ParallelScope.All)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HostilePluginTests
{
    private const string FirstTest = "Fixtures.Hostile.HostileChecks.PassesBeforeTheAttack";

    private static void AssertOnlyTheHostilePluginFailed(CliRun run, string status, string reason)
    {
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        var hostile = HostileRun.Plugin(run, "hostile");
        var healthy = HostileRun.Plugin(run, HostileRun.Healthy);
        Assert.Multiple(() =>
        {
            Assert.That(hostile.GetProperty("status").GetString(), Is.EqualTo(status), run.Stdout);
            Assert.That(hostile.GetProperty("error").GetString(), Does.Contain(reason));
            Assert.That(HostileRun.PassedTests(hostile), Does.Contain(FirstTest), "tests finished before the attack keep their results");
            Assert.That(healthy.GetProperty("status").GetString(), Is.EqualTo("Completed"));
            Assert.That(HostileRun.PassedTests(healthy), Is.Not.Empty, "the other plugin's results are reported");
        });
    }

    [TestCase("forge-protocol", "protocol violation: testFinished without a result")]
    [TestCase("forge-after-done", "protocol violation: a message after the worker's done message")]
    [TestCase("forge-other-plugin", "protocol violation: a result for plugin 'linux-health', not 'hostile'")]
    [TestCase("huge-line", "protocol violation: a message line longer than 1048576 bytes")]
    public void AForgedProtocolLineEndsOnlyThatPluginAndEverythingIsStored(string category, string reason)
    {
        using var hostile = new HostileRun(category);
        var run = hostile.Run();
        AssertOnlyTheHostilePluginFailed(run, "Crashed", reason);

        var status = CliRun.Invoke("status", "--state", hostile.Workspace.State, "--format", "json");
        Assert.That(status.ExitCode, Is.EqualTo(1), "the run was stored, failing: " + status);
        Assert.That(status.Stdout, Does.Contain("\"hostile\"").And.Contain("protocol violation"));
    }

    [Test]
    public void AGibibyteLineWithoutANewlineKeepsTheCliMemoryBounded()
    {
        using var hostile = new HostileRun("huge-line");
        var run = ChildProcess.Run("/usr/bin/time", ["-f", "maxrss_kb=%M", Repo.Cli, .. hostile.Workspace.RunArgs("--format", "json")]);
        var line = run.Stderr.Split('\n').Last(l => l.StartsWith("maxrss_kb=", StringComparison.Ordinal));
        long maxRssMb = long.Parse(line["maxrss_kb=".Length..], System.Globalization.CultureInfo.InvariantCulture) / 1024;
        // The reader keeps at most 1 MiB of a line; the CLI's own footprint is about 100 MB. Unbounded, it was several GB.
        Assert.That(maxRssMb, Is.LessThan(300), run.ToString());
        Assert.That(run.Stdout, Does.Contain("protocol violation"));
    }

    [Test]
    public void PluginsAndNagiosCommandsSeeACleanEnvironmentWithoutSecrets()
    {
        using var hostile = new HostileRun("env-dump");
        File.WriteAllText(Path.Combine(hostile.Workspace.PluginRoot, "hostile", "plugin.json"),
            """{ "where": "cat == env-dump or cat == nagios", "environment": { "HOSTILE_THRESHOLD": "90" } }""");
        File.WriteAllText(Path.Combine(hostile.Workspace.PluginRoot, "hostile", "env.cfg"), "command[env_dump]=echo env; /usr/bin/env\n");
        // A valid configuration carrying every kind of secret; the central endpoints refuse at once (nothing listens on port 9).
        var secrets = new Dictionary<string, string>
        {
            ["NODEMONITOR_SWIFT_AUTH_URL"] = "http://127.0.0.1:9/auth/v1.0", ["NODEMONITOR_SWIFT_USER"] = "ops:node",
            ["NODEMONITOR_SWIFT_KEY"] = "swift-key-4711", ["NODEMONITOR_SWIFT_TEMP_URL_KEY"] = "temp-url-key-4714",
            ["NODEMONITOR_ETCD_ENDPOINTS"] = "http://127.0.0.1:9", ["NODEMONITOR_ETCD_USERNAME"] = "node",
            ["NODEMONITOR_ETCD_PASSWORD"] = "etcd-pw-4712", ["NODEMONITOR_ETCD_DEADLINE_SECONDS"] = "1",
            ["NODEMONITOR_REPORT_BUDGET_SECONDS"] = "2", ["NODEMONITOR_SERVE_TOKEN"] = "serve-token-4713",
            ["UNRELATED_OPERATOR_VARIABLE"] = "operator-4715", ["NODEMONITOR_NODE"] = "web-17", ["LANG"] = "C.UTF-8",
        };
        var run = hostile.Run(secrets);
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());

        var tests = HostileRun.Plugin(run, "hostile").GetProperty("tests").EnumerateArray().ToList();
        string dump = tests.Single(t => t.GetProperty("fullName").GetString()!.EndsWith("PrintsItsEnvironment", StringComparison.Ordinal)).GetProperty("message").GetString()!;
        string nagios = tests.Single(t => t.GetProperty("fullName").GetString()!.EndsWith("env_dump", StringComparison.Ordinal)).GetProperty("output").GetString()!;
        foreach (var (what, text) in new[] { ("worker", dump), ("nagios command", nagios) })
        {
            Assert.Multiple(() =>
            {
                foreach (string value in new[] { "swift-key-4711", "etcd-pw-4712", "serve-token-4713", "temp-url-key-4714", "operator-4715" })
                    Assert.That(text, Does.Not.Contain(value), $"{what} must not see {value}");
                Assert.That(text, Does.Not.Contain("NODEMONITOR_SWIFT_KEY").And.Not.Contain("NODEMONITOR_ETCD_PASSWORD"), what);
                Assert.That(text, Does.Contain("NODEMONITOR_NODE=web-17"), what);
                Assert.That(text, Does.Contain("HOSTILE_THRESHOLD=90"), $"{what}: the plugin's own environment");
                Assert.That(text, Does.Contain("PATH=").And.Contain("HOME=").And.Contain("LANG=C.UTF-8"), what);
            });
        }
        Assert.That(run.Output, Does.Not.Contain("swift-key-4711").And.Not.Contain("etcd-pw-4712"));
    }

    [TestCase("leak-child")]
    [TestCase("daemonize")]
    [TestCase("daemonize-clean-env")]
    [TestCase("hold-stderr")]
    public void NothingThePluginStartedOutlivesItsRun(string category)
    {
        if (category == "daemonize-clean-env" && !CgroupV2Writable())
            Assert.Ignore("a daemon with an empty environment is found only through a cgroup, and none can be made here");
        using var hostile = new HostileRun(category);
        var run = hostile.Run();
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var pids = hostile.Pids();
        Assert.That(pids, Is.Not.Empty, "the hostile test started children");
        Assert.That(pids.Where(HostileRun.IsAlive), Is.Empty, "children still alive after the run");
    }

    /// <summary>The CLI as an unprivileged account cannot make a cgroup: the session and the environment mark must do.</summary>
    [TestCase("leak-child")]
    [TestCase("daemonize")]
    [TestCase("hold-stderr")]
    public void WithoutACgroupTheSessionAndTheMarkStillFindEverything(string category)
    {
        if (Environment.UserName != "root") Assert.Ignore("needs root to start the CLI as nobody");
        using var hostile = new HostileRun(category);
        File.SetUnixFileMode(hostile.Workspace.Path, (UnixFileMode)0b111_111_111);
        var run = ChildProcess.Run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", Repo.Cli, .. hostile.Workspace.RunArgs("--format", "json")],
            environment: new Dictionary<string, string> { ["HOME"] = hostile.Workspace.Path });
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(hostile.Pids(), Is.Not.Empty, "the hostile test started children");
        Assert.That(hostile.Pids().Where(HostileRun.IsAlive), Is.Empty, "children still alive after the run");
    }

    [Test]
    public void AChildHoldingStderrDoesNotDelayTheRun()
    {
        using var hostile = new HostileRun("hold-stderr");
        var run = hostile.Run();
        double seconds = HostileRun.Plugin(run, "hostile").GetProperty("durationSeconds").GetDouble();
        // The old supervisor waited 5 s for the pipe to close; now the holder is killed when the worker exits.
        Assert.That(seconds, Is.LessThan(5), run.ToString());
    }

    [Test]
    public void ATimeoutKillsTheWorkerAndTheDaemonItStarted()
    {
        using var hostile = new HostileRun("daemonize-hang");
        File.WriteAllText(Path.Combine(hostile.Workspace.PluginRoot, "hostile", "plugin.json"),
            $$"""{ "timeout": 5, "where": "cat == daemonize-hang", "environment": { "HOSTILE_PID_FILE": "{{hostile.PidFile}}" } }""");
        var run = hostile.Run();
        AssertOnlyTheHostilePluginFailed(run, "TimedOut", "timed out after 5 s");
        Assert.That(hostile.Pids(), Has.Count.EqualTo(2), "the daemon and the worker");
        Assert.That(hostile.Pids().Where(HostileRun.IsAlive), Is.Empty);
    }

    [Test]
    public void KillingTheCliWithSigkillTakesThePluginsProcessesWithIt()
    {
        using var hostile = new HostileRun("daemonize-hang");
        using var cli = CliRun.Start(hostile.Workspace.RunArgs());
        var until = DateTime.UtcNow.AddSeconds(60);
        while (hostile.Pids().Count < 2 && DateTime.UtcNow < until && !cli.HasExited) Thread.Sleep(100);
        Assert.That(hostile.Pids(), Has.Count.EqualTo(2), "the daemon and the hanging worker were started");

        cli.Kill(); // SIGKILL: no chance to clean up
        cli.WaitForExit();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (hostile.Pids().Any(HostileRun.IsAlive) && DateTime.UtcNow < deadline) Thread.Sleep(100);
        Assert.That(hostile.Pids().Where(HostileRun.IsAlive), Is.Empty, "the worker and its daemon die with the CLI");
    }

    [Test]
    public void APluginPastItsMemoryLimitFailsWithTheLimitNamed()
    {
        using var hostile = new HostileRun("eat-memory", """, "memoryLimitMB": 200""");
        AssertOnlyTheHostilePluginFailed(hostile.Run(), "Crashed", "memory limit 200 MB exceeded");
    }

    [Test]
    public void APluginPastItsCpuLimitFailsWithTheLimitNamed()
    {
        using var hostile = new HostileRun("burn-cpu", """, "cpuSeconds": 2""");
        AssertOnlyTheHostilePluginFailed(hostile.Run(), "Crashed", "CPU limit 2 s exceeded");
    }

    [TestCase(null, "0 0 geteuid=0")]
    [TestCase("nobody", "65534 65534 geteuid=65534")]
    public void TheWorkerRunsAsThePluginsUser(string? user, string expected)
    {
        using var hostile = new HostileRun("whoami", user is null ? "" : $$""", "user": "{{user}}" """);
        File.SetUnixFileMode(hostile.Workspace.Path, (UnixFileMode)0b111_101_101); // the account must reach its plugin folder
        var run = hostile.Run();
        var tests = HostileRun.Plugin(run, "hostile").GetProperty("tests").EnumerateArray();
        string message = tests.Single(t => t.GetProperty("fullName").GetString()!.EndsWith("ReportsItsAccount", StringComparison.Ordinal))
            .GetProperty("message").GetString()!;
        Assert.That(message, Does.StartWith(expected), run.ToString());
    }

    private static bool CgroupV2Writable()
    {
        var probe = Process.Start(new ProcessStartInfo("sh", ["-c", "grep -q ' - cgroup2 ' /proc/self/mountinfo"]))!;
        probe.WaitForExit();
        return probe.ExitCode == 0 && Environment.UserName == "root";
    }
}
