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
