using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Reporting;
using NUnit.Framework;

namespace NodeMonitor.Core.Tests.Reporting;

public sealed class ResultFileSpecTests
{
    [TestCase("TestResult.xml", "TestResult.xml", ResultFormat.NUnit3)]
    [TestCase("out/junit.xml;format=junit", "out/junit.xml", ResultFormat.JUnit)]
    [TestCase("run.json; format=JSON", "run.json", ResultFormat.Json)]
    [TestCase("r.xml;format=nunit3", "r.xml", ResultFormat.NUnit3)]
    public void ASpecFollowsTheNUnit3ConsoleResultConvention(string spec, string path, ResultFormat format)
    {
        Assert.That(ResultFileSpec.Parse(spec), Is.EqualTo(new ResultFileSpec(path, format)));
    }

    [Test]
    public void AnUnknownFormatIsAnErrorListingTheValidFormats()
    {
        var error = Assert.Throws<ConfigurationException>(() => ResultFileSpec.Parse("r.xml;format=nunit2"))!;

        Assert.That(error.Message, Does.Contain("'nunit2'").And.Contain("nunit3, junit, json"));
    }

    [TestCase("")]
    [TestCase(";format=junit")]
    [TestCase("r.xml;transform=x.xslt")]
    public void AMalformedSpecIsAConfigurationError(string spec)
    {
        Assert.That(() => ResultFileSpec.Parse(spec), Throws.TypeOf<ConfigurationException>());
    }
}
