using NodeMonitor.Core.Reporting;
using NUnit.Framework;

namespace NodeMonitor.Core.Tests.Reporting;

public sealed class ResultFileGoldenTests
{
    private static readonly ResultEnvironment FixedEnvironment = new("0.1.0.0", "10.0.0", "nodemonitor run --result=TestResult.xml");

    [Test]
    public void TheNUnit3ResultXmlMatchesTheGoldenFile() =>
        GoldenFile.AssertMatches(ResultFormats.ToText(writer => NUnit3ResultXml.Write(SampleRun.Create(), writer, FixedEnvironment)), "nunit3.xml");

    [Test]
    public void TheNUnit3DocumentIsTheSameXmlAsTheStreamedFile() =>
        GoldenFile.AssertMatches(ResultFormats.ToText(NUnit3ResultXml.Build(SampleRun.Create(), FixedEnvironment)), "nunit3.xml");

    [Test]
    public void TheJUnitXmlMatchesTheGoldenFile() =>
        GoldenFile.AssertMatches(ResultFormats.ToText(JUnitResultXml.Build(SampleRun.Create())), "junit.xml");

    [Test]
    public void TheJsonDocumentMatchesTheGoldenFile() =>
        GoldenFile.AssertMatches(RunResultJson.Serialize(SampleRun.Create()), "run.json");
}
