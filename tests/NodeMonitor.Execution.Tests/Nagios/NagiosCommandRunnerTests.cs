using NodeMonitor.Core.Discovery;
using NodeMonitor.Core.Listening;
using NodeMonitor.Core.Nagios;
using NodeMonitor.Core.Results;
using NodeMonitor.Execution.Nagios;

namespace NodeMonitor.Execution.Tests.Nagios;

/// <summary>Runs Debian's monitoring-plugins (package monitoring-plugins-basic) as test cases.</summary>
[Parallelizable(ParallelScope.All)]
[Category("Integration")]
public sealed class NagiosCommandRunnerTests
{
    private const string Plugins = NagiosSettings.DefaultUser1;

    private static PlannedPlugin Plan(string directory, string? where, params (string Name, string Line)[] commands)
    {
        var descriptor = new PluginDescriptor("nrpe", directory, [], PluginManifest.Default with
        {
            Environment = new Dictionary<string, string> { ["NM_GREETING"] = "hello from the manifest" },
        })
        {
            NagiosCommands = commands.Select((c, i) => new NagiosCommand(c.Name, c.Line, Path.Combine(directory, "nrpe.cfg"), i + 1)).ToList(),
        };
        return new PlannedPlugin(descriptor, where, TimeSpan.FromMinutes(1));
    }

    private static async Task<TestCaseResult> RunOne(string line, NagiosSettings? settings = null)
    {
        var results = await new NagiosCommandRunner(settings ?? NagiosSettings.Default)
            .RunAsync(Plan(Path.GetTempPath(), null, ("cmd", line)), _ => { }, CancellationToken.None);
        return results.Single();
    }

    [OneTimeSetUp]
    public void MonitoringPluginsAreInstalled()
    {
        if (!File.Exists(Path.Combine(Plugins, "check_dummy")))
            Assert.Fail("monitoring-plugins-basic is not installed: run build/install-deps.sh as root");
    }

    [TestCase(0, TestOutcome.Passed, null)]
    [TestCase(1, TestOutcome.Warning, null)]
    [TestCase(2, TestOutcome.Failed, null)]
    [TestCase(3, TestOutcome.Failed, "Unknown")]
    public async Task ExitCodesMapToOutcomesAsThePluginApiSays(int code, TestOutcome outcome, string? label)
    {
        var result = await RunOne($"$USER1$/check_dummy {code} \"state {code}\"");
        Assert.That((result.Outcome, result.Label), Is.EqualTo((outcome, label)));
        Assert.That(result.Message, Does.EndWith($"state {code}"));
    }

    [Test]
    public async Task AWarningFailsWhenWarningIsFailureIsSet()
    {
        var result = await RunOne("$USER1$/check_dummy 1 meh", NagiosSettings.Default with { WarningIsFailure = true });
        Assert.That(result.Outcome, Is.EqualTo(TestOutcome.Failed));
    }

    [Test]
    public async Task AnExitCodeOutsideTheApiIsUnknown()
    {
        var result = await RunOne("exit 42");
        Assert.That((result.Outcome, result.Label), Is.EqualTo((TestOutcome.Failed, NagiosTestCase.UnknownLabel)));
        Assert.That(result.Properties, Does.Contain(new KeyValuePair<string, string>("nagios:exitCode", "42")));
    }

    [Test]
    public async Task CheckLoadPassesWithItsPerfDataAsProperties()
    {
        var result = await RunOne("$USER1$/check_load -w 1000 -c 2000");
        Assert.That(result.Outcome, Is.EqualTo(TestOutcome.Passed), result.Message);
        Assert.That(result.Message, Does.StartWith("LOAD OK"));
        Assert.That(result.Properties.Select(p => p.Key), Is.SupersetOf(new[] { "perfdata:load1", "perfdata:load5", "perfdata:load15" }));
    }

    [Test]
    public async Task CheckDiskReportsBytes()
    {
        var result = await RunOne("$USER1$/check_disk -w 1% -c 1 -p /");
        var used = result.Properties.Single(p => p.Key == "perfdata:/");
        Assert.That(used.Value, Does.Match(@"^\d+(\.\d+)?(E\+\d+)?B$"), $"{result.Message}\n{result.Output}");
    }

    [Test]
    public async Task CheckProcsAndCheckTcpRun()
    {
        var procs = await RunOne("$USER1$/check_procs -c 1: -a dotnet");
        Assert.That(procs.Outcome, Is.EqualTo(TestOutcome.Passed), procs.Message);

        // Port 1 on loopback has no listener: check_tcp says CRITICAL.
        var tcp = await RunOne("$USER1$/check_tcp -H 127.0.0.1 -p 1 -t 5");
        Assert.That(tcp.Outcome, Is.EqualTo(TestOutcome.Failed), tcp.Message);
        Assert.That(tcp.Message, Does.Contain("Connection refused"));
    }

    [Test]
    public async Task ACommandPastItsTimeoutIsKilledWithItsChildrenAndIsUnknown()
    {
        string marker = Path.Combine(Path.GetTempPath(), $"nm-nagios-{Guid.NewGuid():N}");
        // The child writes the marker after 3 s unless it was killed with the shell.
        var result = await RunOne($"(sleep 3; touch {marker}) & wait",
            NagiosSettings.Default with { CommandTimeout = TimeSpan.FromMilliseconds(500) });
        Assert.That((result.Outcome, result.Label), Is.EqualTo((TestOutcome.Failed, NagiosTestCase.UnknownLabel)));
        Assert.That(result.Message, Does.StartWith("timed out after 0.5 s"));
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.That(File.Exists(marker), Is.False, "the child process outlived the kill");
    }

    [Test]
    public async Task AMissingPluginIsAFailureNamingThePath()
    {
        var result = await RunOne("$USER1$/check_does_not_exist -w 1");
        Assert.That((result.Outcome, result.Label), Is.EqualTo((TestOutcome.Failed, NagiosTestCase.UnknownLabel)));
        Assert.That(result.Message, Is.EqualTo("plugin not found: /usr/lib/nagios/plugins/check_does_not_exist"));
    }

    [Test]
    public async Task ANonExecutablePluginIsAFailureNamingThePath()
    {
        string file = Path.GetTempFileName();
        try
        {
            var result = await RunOne(file);
            Assert.That(result.Message, Is.EqualTo($"plugin is not executable: {file} (chmod +x it)"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task CommandsRunInThePluginFolderWithTheManifestsEnvironment()
    {
        string folder = Directory.CreateTempSubdirectory("nm-nagios-").FullName;
        try
        {
            var results = await new NagiosCommandRunner(NagiosSettings.Default)
                .RunAsync(Plan(folder, null, ("where", "echo \"$(pwd) $NM_GREETING\"")), _ => { }, CancellationToken.None);
            Assert.That(results.Single().Message, Is.EqualTo($"{folder} hello from the manifest"));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Test]
    public async Task EachCommandIsATestWithStartedAndFinishedEventsAndTheWhereFilterSelects()
    {
        var events = new List<RunEvent>();
        var plan = Plan(Path.GetTempPath(), "name != skipped",
            ("first", "$USER1$/check_dummy 0 a"), ("skipped", "$USER1$/check_dummy 2 b"), ("last", "$USER1$/check_dummy 0 c"));
        var results = await new NagiosCommandRunner(NagiosSettings.Default).RunAsync(plan, events.Add, CancellationToken.None);

        Assert.That(results.Select(r => (r.FullName, r.ClassName)), Is.EqualTo(new[] { ("nagios.nrpe.first", "nagios.nrpe"), ("nagios.nrpe.last", "nagios.nrpe") }));
        Assert.That(events.Select(e => e.GetType().Name), Is.EqualTo(new[] { "TestStarted", "TestFinished", "TestStarted", "TestFinished" }));
    }
}
