using System.Xml.Linq;
using NodeMonitor.Core.Reporting;
using NodeMonitor.Core.Results;
using NUnit.Framework;

namespace NodeMonitor.Core.Tests.Reporting;

/// <summary>Properties of the NUnit 3 XML that tools rely on, beyond what the golden file pins.</summary>
public sealed class NUnit3ResultXmlTests
{
    [Test]
    public void TheTestRunCountsAreTheSumOfTheTestCases()
    {
        var document = NUnit3ResultXml.Build(SampleRun.Create());
        var cases = document.Descendants("test-case").ToList();
        var testRun = document.Root!;

        Assert.That((int)testRun.Attribute("total")!, Is.EqualTo(cases.Count));
        Assert.That((int)testRun.Attribute("failed")!, Is.EqualTo(cases.Count(c => (string)c.Attribute("result")! == "Failed")));
    }

    [Test]
    public void IdsAreUniqueWithinTheFile()
    {
        var ids = NUnit3ResultXml.Build(SampleRun.Create()).Descendants().Select(e => (string?)e.Attribute("id")).Where(id => id is not null);

        Assert.That(ids, Is.Unique);
    }

    [Test]
    public void AnErroredPluginIsAFailedSuiteCarryingTheReason()
    {
        var hang = NUnit3ResultXml.Build(SampleRun.Create()).Root!.Elements("test-suite").Single(s => (string)s.Attribute("name")! == "Hang.dll");

        Assert.That((string)hang.Attribute("result")!, Is.EqualTo("Failed"));
        Assert.That(hang.Element("failure")!.Element("message")!.Value, Does.Contain("timed out").And.Contain("Acme.Hang.Sleeper.Forever"));
    }

    [Test]
    public void APassingRunIsPassed()
    {
        var run = SampleRun.Create();
        var passing = run with { Plugins = [run.Plugins[0] with { Tests = run.Plugins[0].Tests.Where(t => t.Outcome == TestOutcome.Passed).ToList() }] };

        Assert.That((string)NUnit3ResultXml.Build(passing).Root!.Attribute("result")!, Is.EqualTo("Passed"));
    }
}

/// <summary>The suite tree of a result file follows the suites NUnit reported, not the declaring class of a test.</summary>
public sealed class NUnit3ResultXmlSuiteTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public void AnInheritedCaseSitsUnderItsOwnFixtureWithNUnitsName()
    {
        var inheritedByInt = Case("Ns.IntRoundTrip.RoundTrips", "RoundTrips", "Ns.RoundTripBase`1",
            new("TestSuite", "Ns", "Ns", null), new("TestFixture", "IntRoundTrip", "Ns.IntRoundTrip", "Ns.IntRoundTrip"));
        var inheritedByDate = Case("Ns.DateRoundTrip.RoundTrips", "RoundTrips", "Ns.RoundTripBase`1",
            new("TestSuite", "Ns", "Ns", null), new("TestFixture", "DateRoundTrip", "Ns.DateRoundTrip", "Ns.DateRoundTrip"));

        var cases = NUnit3ResultXml.Build(Run(inheritedByInt, inheritedByDate)).Descendants("test-case").ToList();

        Assert.That(cases.Select(c => ((string)c.Parent!.Attribute("fullname")!, (string)c.Attribute("name")!)),
            Is.EquivalentTo(new[] { ("Ns.IntRoundTrip", "RoundTrips"), ("Ns.DateRoundTrip", "RoundTrips") }));
        Assert.That(cases.Select(c => (string)c.Attribute("classname")!), Is.All.EqualTo("Ns.RoundTripBase`1"));
    }

    [Test]
    public void ParameterizedCasesKeepNUnitsOwnMethodSuite()
    {
        EnclosingSuite[] suites = [new("TestFixture", "F", "F", "F"), new("ParameterizedMethod", "M", "F.M", "F")];
        var one = Case("F.M(1)", "M(1)", "F", suites);
        var two = Case("F.M(2)", "M(2)", "F", suites);

        var fixture = NUnit3ResultXml.Build(Run(one, two)).Descendants("test-suite").Single(s => (string)s.Attribute("type")! == "TestFixture");

        Assert.That(fixture.Elements("test-suite").Single().Elements("test-case").Count(), Is.EqualTo(2));
    }

    [Test]
    public void RunStateIsWhatNUnitKnewBeforeTheRun()
    {
        var ignoredWhileRunning = Case("F.Skips", "Skips", "F", new EnclosingSuite("TestFixture", "F", "F", "F")) with
        {
            Outcome = TestOutcome.Skipped,
            Label = "Ignored",
            RunState = "Runnable",
        };

        var element = NUnit3ResultXml.Build(Run(ignoredWhileRunning)).Descendants("test-case").Single();

        Assert.That(((string)element.Attribute("runstate")!, (string)element.Attribute("label")!), Is.EqualTo(("Runnable", "Ignored")));
    }

    private static TestCaseResult Case(string fullName, string name, string className, params EnclosingSuite[] suites) =>
        new("p", "P.dll", fullName, className, name.Split('(')[0], TestOutcome.Passed, null, null, At, TimeSpan.Zero,
            null, null, null, 1, [], [])
        { Name = name, Suites = suites };

    private static RunResult Run(params TestCaseResult[] tests) =>
        new("r1", "node", At, At.AddSeconds(1),
            [new PluginResult("p", ["P.dll"], PluginStatus.Completed, null, null, null, At, TimeSpan.FromSeconds(1), tests)]);
}
