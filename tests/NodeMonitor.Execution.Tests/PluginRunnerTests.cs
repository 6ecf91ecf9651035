using NodeMonitor.Core.Listening;
using NodeMonitor.Core.Results;
using NodeMonitor.Execution.Tests.Support;

namespace NodeMonitor.Execution.Tests;

/// <summary>Runs the published fixture plugins through real worker processes.</summary>
[Category("Integration")]
public sealed class PluginRunnerTests
{
    private const string Mixed = "Fixtures.Mixed.MixedChecks.";
    private readonly PluginRunner _runner = new();

    private async Task<(PluginResult Result, List<RunEvent> Events)> Run(string fixture, string? where = null,
        TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var events = new List<RunEvent>();
        var result = await _runner.RunAsync(FixturePlugins.Plan(fixture, where, timeout, environment), events.Add, CancellationToken.None);
        return (result, events);
    }

    private static TestCaseResult Test(PluginResult result, string fullName) => result.Tests.Single(t => t.FullName == fullName);

    [Test]
    public async Task MixedFixtureCountsEachOutcomeAsNUnitDoes()
    {
        var (result, _) = await Run("Mixed");
        // NUnit's own totals for this fixture (test-run element of `dotnet test -- NUnit.TestOutputXml=...`):
        // total 12, passed 5, failed 3, warnings 1, inconclusive 1, skipped 2 (one Ignored, one Explicit not run).
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(PluginStatus.Completed));
            Assert.That(result.Error, Is.Null);
            Assert.That(result.Counts, Is.EqualTo(new OutcomeCounts(12, 5, 3, 1, 1, 2)));
        });
    }

    [Test]
    public async Task MixedFixtureResultsCarryNUnitsDetails()
    {
        var (result, _) = await Run("Mixed");
        Assert.Multiple(() =>
        {
            var assertFailure = Test(result, Mixed + "FailsWithAssert");
            Assert.That(assertFailure.Outcome, Is.EqualTo(TestOutcome.Failed));
            Assert.That(assertFailure.Label, Is.Null);
            Assert.That(assertFailure.Message, Does.Contain("arithmetic is broken"));
            Assert.That(assertFailure.StackTrace, Does.Contain("FailsWithAssert"));

            var exception = Test(result, Mixed + "FailsWithException");
            Assert.That(exception.Label, Is.EqualTo("Error"));
            Assert.That(exception.Message, Does.Contain("InvalidOperationException : boom"));

            Assert.That(Test(result, Mixed + "Warns").Message, Is.EqualTo("disk is getting full"));
            Assert.That(Test(result, Mixed + "IsInconclusive").Message, Is.EqualTo("no data yet"));
            var ignored = Test(result, Mixed + "IsIgnored");
            Assert.That((ignored.Outcome, ignored.Label, ignored.Message), Is.EqualTo((TestOutcome.Skipped, "Ignored", "not today")));
            var explicitTest = Test(result, Mixed + "RunsOnlyWhenAsked");
            Assert.That((explicitTest.Outcome, explicitTest.Label), Is.EqualTo((TestOutcome.Skipped, "Explicit")));

            var slow = Test(result, Mixed + "IsInSlowCategory");
            Assert.That(slow.Categories, Is.EqualTo(new[] { "slow" }));
            Assert.That(slow.Properties, Does.Contain(new KeyValuePair<string, string>("Owner", "ops")));
            Assert.That(slow.ClassName, Is.EqualTo("Fixtures.Mixed.MixedChecks"));
            Assert.That(slow.MethodName, Is.EqualTo("IsInSlowCategory"));
            Assert.That(slow.Assembly, Is.EqualTo("Mixed.dll"));
            Assert.That(slow.Plugin, Is.EqualTo("mixed"));

            Assert.That(Test(result, Mixed + "WritesConsoleOutput").Output, Does.Contain("hello from the mixed fixture"));
            Assert.That(Test(result, Mixed + "IsSmallerThanThree(3)").Outcome, Is.EqualTo(TestOutcome.Failed));
        });
    }

    [Test]
    public async Task EventsArriveInOrderWithAStartBeforeEveryFinish()
    {
        var (result, events) = await Run("Mixed");
        Assert.That(events[0], Is.TypeOf<PluginStarted>());
        Assert.That(events[^1], Is.InstanceOf<PluginFinished>().And.Property("Result").EqualTo(result));
        var started = new HashSet<string>();
        foreach (var e in events)
        {
            if (e is TestStarted s) started.Add(s.FullName);
            if (e is TestFinished f) Assert.That(started, Does.Contain(f.Result.FullName), "TestFinished without TestStarted");
        }
        Assert.That(events.OfType<TestFinished>().Count(), Is.EqualTo(result.Tests.Count));
    }

    [Test]
    public async Task ProgressTextIsReportedWhileTheTestRuns()
    {
        var (_, events) = await Run("Mixed");
        var progress = events.OfType<TestProgress>().Single();
        Assert.That((progress.FullName, progress.Text), Is.EqualTo((Mixed + "WritesConsoleOutput", "progress from the mixed fixture")));
    }

    [Test]
    public async Task WhereExpressionSelectsOnlyMatchingTests()
    {
        var (result, _) = await Run("Mixed", "cat == slow or test =~ IsSmaller");
        Assert.That(result.Tests.Select(t => t.FullName), Is.EquivalentTo(new[]
        {
            Mixed + "IsInSlowCategory", Mixed + "IsSmallerThanThree(1)", Mixed + "IsSmallerThanThree(2)", Mixed + "IsSmallerThanThree(3)",
        }));
    }

    [Test]
    public async Task ExplicitTestRunsWhenTheFilterNamesIt()
    {
        var (result, _) = await Run("Mixed", $"test == {Mixed}RunsOnlyWhenAsked");
        var test = result.Tests.Single();
        Assert.That((test.Outcome, test.Message), Is.EqualTo((TestOutcome.Passed, "explicitly selected")));
    }

    [TestCase("SetupFailure", "SetUp", 2)]
    [TestCase("TeardownFailure", "TearDown", 2)]
    [TestCase("OneTimeSetupFailure", "Parent", 3)]
    public async Task FixtureLevelFailuresFailEveryTestCaseLikeDotnetTest(string fixture, string site, int tests)
    {
        var (result, _) = await Run(fixture);
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(PluginStatus.Completed));
            Assert.That(result.Counts, Is.EqualTo(new OutcomeCounts(tests, 0, tests, 0, 0, 0)));
            Assert.That(result.Tests.Select(t => t.Site), Is.All.EqualTo(site));
            Assert.That(result.Tests.Select(t => t.Message), Is.All.Contain("broke"));
        });
    }

    [TestCase("CrashExit", "ExitsTheProcess", "exited with code 42")]
    [TestCase("CrashFailFast", "FailsFast", "killed by SIGABRT")]
    [TestCase("CrashStackOverflow", "OverflowsTheStack", "Stack overflow")]
    public async Task CrashKeepsTheTestThatFinishedAndNamesTheRunningOne(string fixture, string crashingTest, string reason)
    {
        var (result, _) = await Run(fixture);
        string running = $"Fixtures.{fixture}.{fixture}Checks.{crashingTest}";
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(PluginStatus.Crashed));
            Assert.That(result.Tests.Select(t => (t.MethodName, t.Outcome)), Is.EqualTo(new[] { ("PassesFirst", TestOutcome.Passed) }));
            Assert.That(result.RunningTest, Is.EqualTo(running));
            Assert.That(result.Error, Does.Contain(reason).And.Contain(running));
            Assert.That(result.Succeeded, Is.False);
        });
    }

    [Test]
    public async Task CrashKeepsWhatTheRuntimePrinted()
    {
        var (result, _) = await Run("CrashFailFast");
        Assert.That(result.CapturedOutput, Does.Contain("fixture fails fast"));
    }

    [Test]
    public async Task HangIsKilledAtItsTimeoutAndReportedTimedOut()
    {
        var (result, _) = await Run("Hang", timeout: TimeSpan.FromSeconds(3));
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(PluginStatus.TimedOut));
            Assert.That(result.RunningTest, Is.EqualTo("Fixtures.Hang.HangChecks.SleepsForever"));
            Assert.That(result.Error, Does.StartWith("timed out after 3 s while running Fixtures.Hang.HangChecks.SleepsForever"));
            Assert.That(result.Tests.Select(t => t.MethodName), Is.EqualTo(new[] { "PassesFirst" }));
        });
    }

    [Test]
    public async Task NoisyOutputIsCappedAndTheTestPasses()
    {
        var (result, _) = await Run("Noisy");
        var test = result.Tests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(test.Outcome, Is.EqualTo(TestOutcome.Passed));
            Assert.That(test.Output!.Length, Is.LessThan(OutputLimits.TestOutputChars + 100));
            // The elided count shows the whole 100 MB stream went through the cap, head and tail kept.
            var elided = System.Text.RegularExpressions.Regex.Match(test.Output!, @"\[(\d+) characters elided by NodeMonitor\]");
            Assert.That(long.Parse(elided.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(100_000_000));
            Assert.That(test.Output, Does.StartWith("xxx").And.EndWith("xxx\n"));
        });
    }

    [TestCase("Nunit4", "RunsOnNunit4")]
    [TestCase("Nunit5", "RunsOnNunit5")]
    public async Task RunsPluginsBuiltAgainstEitherNUnitVersion(string fixture, string test)
    {
        var (result, _) = await Run(fixture);
        Assert.That(result.Tests.Select(t => (t.MethodName, t.Outcome)), Is.EqualTo(new[] { (test, TestOutcome.Passed) }));
        Assert.That(result.Status, Is.EqualTo(PluginStatus.Completed), result.Error);
    }

    [Test]
    public async Task AssemblyWithoutNUnitIsALoadFailure()
    {
        var (result, _) = await Run("NotATest");
        Assert.That(result.Status, Is.EqualTo(PluginStatus.LoadFailed));
        Assert.That(result.Error, Is.EqualTo("NotATest.dll does not reference nunit.framework, so it is not an NUnit test assembly"));
    }

    [Test]
    public async Task MissingDependencyIsALoadFailureNamingTheDll()
    {
        var (result, _) = await Run("MissingDependency");
        Assert.That(result.Status, Is.EqualTo(PluginStatus.LoadFailed));
        Assert.That(result.Error, Does.StartWith("MissingDependency.dll needs Fixtures.MissingDependency.Library")
            .And.Contain("which its deps.json lists but the plugin folder lacks"));
    }

    [Test]
    public async Task MissingAssemblyFileIsALoadFailure()
    {
        var events = new List<RunEvent>();
        var plan = FixturePlugins.Plan("Mixed", assembly: "Absent.dll");
        var result = await _runner.RunAsync(plan, events.Add, CancellationToken.None);
        Assert.That((result.Status, result.Error), Is.EqualTo((PluginStatus.LoadFailed, "Absent.dll was not found in the plugin folder")));
    }

    [Test]
    public async Task ManifestEnvironmentReachesTheTests()
    {
        var (with, _) = await Run("EnvironmentCheck", environment: new Dictionary<string, string> { ["NODEMONITOR_FIXTURE_GREETING"] = "hello" });
        var (without, _) = await Run("EnvironmentCheck");
        Assert.That(with.Tests.Single().Outcome, Is.EqualTo(TestOutcome.Passed));
        Assert.That(without.Tests.Single().Outcome, Is.EqualTo(TestOutcome.Failed));
    }

    [Test]
    public async Task CancellationKillsTheWorkerAndKeepsFinishedTests()
    {
        using var cts = new CancellationTokenSource();
        var result = await _runner.RunAsync(FixturePlugins.Plan("Hang"), e =>
        {
            if (e is TestStarted { FullName: "Fixtures.Hang.HangChecks.SleepsForever" }) cts.Cancel();
        }, cts.Token);
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(PluginStatus.Crashed));
            Assert.That(result.Error, Does.StartWith("cancelled while running Fixtures.Hang.HangChecks.SleepsForever"));
            Assert.That(result.Tests.Select(t => t.MethodName), Is.EqualTo(new[] { "PassesFirst" }));
        });
    }

    [Test]
    public async Task ExploreListsSelectedTestsWithoutRunningThem()
    {
        var exploration = await _runner.ExploreAsync(FixturePlugins.Plan("Mixed", "cat == slow"), CancellationToken.None);
        var assembly = exploration.Assemblies.Single();
        Assert.Multiple(() =>
        {
            Assert.That(exploration.Error, Is.Null);
            Assert.That(assembly.Assembly, Is.EqualTo("Mixed.dll"));
            Assert.That(assembly.FrameworkVersion, Is.EqualTo("4.4.0"));
            Assert.That(assembly.TestCount, Is.EqualTo(1));
            Assert.That(assembly.Tests, Is.EqualTo(new[] { Mixed + "IsInSlowCategory" }));
        });
    }

    [Test]
    public async Task ExploreDoesNotRunCrashingTests()
    {
        var exploration = await _runner.ExploreAsync(FixturePlugins.Plan("CrashExit"), CancellationToken.None);
        Assert.That(exploration.Error, Is.Null);
        Assert.That(exploration.Assemblies.Single().TestCount, Is.EqualTo(3));
    }

    [Test]
    public async Task ExploreReportsAnAssemblyThatCannotLoad()
    {
        var exploration = await _runner.ExploreAsync(FixturePlugins.Plan("NotATest"), CancellationToken.None);
        Assert.That(exploration.Assemblies.Single().Error, Does.Contain("not an NUnit test assembly"));
    }
}
