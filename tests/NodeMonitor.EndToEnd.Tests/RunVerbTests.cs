using System.Text.Json;
using System.Xml.Linq;
using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>`nodemonitor run` as a process against published fixture plugins.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
[Category("Integration")]
public class RunVerbTests
{
    [TestCase("mixed", "Mixed.dll")]
    [TestCase("nunit4", "Nunit4.dll")]
    [TestCase("nunit5", "Nunit5.dll")]
    [TestCase("setupfailure", "SetupFailure.dll")]
    [TestCase("teardownfailure", "TeardownFailure.dll")]
    [TestCase("onetimesetupfailure", "OneTimeSetupFailure.dll")]
    public void PerOutcomeCountsEqualWhatDotnetTestReports(string fixture, string assembly)
    {
        using var ws = new Workspace(fixture);
        var run = CliRun.Invoke(ws.RunArgs($"--result={ws.File("r.xml")}"));

        var expected = DotnetTest.CountsFor(Repo.Fixture(fixture), assembly);
        var actual = Counts.FromTestRun(XDocument.Load(ws.File("r.xml")).Root!);
        Assert.Multiple(() =>
        {
            Assert.That(actual, Is.EqualTo(expected), run.ToString());
            Assert.That(run.ExitCode, Is.EqualTo(expected.Failed > 0 ? 1 : 0), run.ToString());
        });
    }

    [Test]
    public void AFailingRunExitsOneAndPrintsFailingTestsWithMessageAndLocation()
    {
        using var ws = new Workspace("mixed");
        var run = CliRun.Invoke(ws.RunArgs());

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stdout, Does.Contain("FAILED"));
        Assert.That(run.Stdout, Does.Match(@"\.cs:line \d+"), "failing tests name their source location");
        Assert.That(run.Stdout, Does.Contain("Run ").And.Contain(": FAILED in "));
        Assert.That(run.Stderr, Does.Not.Contain("   at "), "no stack trace on stderr");
    }

    [Test]
    public void APassingPluginExitsZero()
    {
        using var ws = new Workspace();
        ws.AddPlugin("system-basics");
        var run = CliRun.Invoke(ws.RunArgs());
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Stdout, Does.Contain("PASSED"));
    }

    [Test]
    public void AnEmptyPluginRootPassesWithNothingToRun()
    {
        using var ws = new Workspace();
        var run = CliRun.Invoke(ws.RunArgs());
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Stdout, Does.Contain("0 total"));
    }

    [TestCase("crashexit", "Crashed")]
    [TestCase("crashfailfast", "Crashed")]
    [TestCase("crashstackoverflow", "Crashed")]
    [TestCase("hang", "TimedOut")]
    public void APluginThatDiesIsAFailedPluginAndOthersAreUnaffected(string fixture, string status)
    {
        using var ws = new Workspace(fixture, "nunit5");
        var run = CliRun.Invoke(ws.RunArgs("--format", "json", $"--result={ws.File("r.xml")}"));

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var plugins = json.RootElement.GetProperty("plugins").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        var died = plugins[fixture];
        Assert.That(died.GetProperty("status").GetString(), Is.EqualTo(status));
        Assert.That(died.GetProperty("runningTest").GetString(), Is.Not.Null.And.Not.Empty, "names the test that was running");
        Assert.That(died.GetProperty("tests").EnumerateArray().Count(t => t.GetProperty("outcome").GetString() == "Passed"),
            Is.GreaterThanOrEqualTo(1), "tests that completed before the crash keep their results");

        var healthy = plugins["nunit5"];
        Assert.That(healthy.GetProperty("status").GetString(), Is.EqualTo("Completed"));
        var expected = DotnetTest.CountsFor(Repo.Fixture("nunit5"), "Nunit5.dll");
        Assert.That(healthy.GetProperty("tests").GetArrayLength(), Is.EqualTo(expected.Total));
    }

    [Test]
    public void APluginThatCannotLoadIsReportedWithTheReason()
    {
        using var ws = new Workspace("missingdependency", "notatest");
        var run = CliRun.Invoke(ws.RunArgs());
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stdout, Does.Contain("missingdependency").And.Contain("notatest"));
        Assert.That(run.Stdout, Does.Contain("LOADFAILED"));
    }

    [Test]
    public void NoisyOutputIsCappedAndThePluginPasses()
    {
        using var ws = new Workspace("noisy");
        var run = CliRun.Invoke(ws.RunArgs("--format", "json"));
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        Assert.That(run.Stdout.Length, Is.LessThan(1_000_000), "100 MB of test output must not reach the report whole");
    }

    [Test]
    public void WhereSelectsTestsByCategory()
    {
        using var ws = new Workspace("mixed");
        var run = CliRun.Invoke(ws.RunArgs("--where", "cat == slow", $"--result={ws.File("r.xml")}"));
        var counts = Counts.FromTestRun(XDocument.Load(ws.File("r.xml")).Root!);
        Assert.That(counts.Total, Is.EqualTo(1), run.ToString());
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
    }

    [Test]
    public void JUnitAndNUnitResultFilesAgree()
    {
        using var ws = new Workspace("mixed");
        CliRun.Invoke(ws.RunArgs($"--result={ws.File("n.xml")}", $"--result={ws.File("j.xml")};format=junit"));
        var nunit = Counts.FromTestRun(XDocument.Load(ws.File("n.xml")).Root!);
        var junit = XDocument.Load(ws.File("j.xml")).Root!;
        Assert.That(junit.Name.LocalName, Is.EqualTo("testsuites"));
        int cases = junit.Descendants("testcase").Count();
        int failures = junit.Descendants("testcase").Count(t => t.Element("failure") is not null || t.Element("error") is not null);
        Assert.That(cases, Is.EqualTo(nunit.Total));
        Assert.That(failures, Is.EqualTo(nunit.Failed));
    }
}
