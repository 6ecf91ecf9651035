using NodeMonitor.Execution.NUnit;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Execution.Tests.NUnit;

public class NUnitResultFileTests
{
    private string _dir = "";

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("nm-ingest-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, true);

    [Test]
    public void AResultFileBecomesOnePluginPerAssemblyWithNUnitsCounts()
    {
        string file = Write("""
            <?xml version="1.0" encoding="utf-8"?>
            <test-run id="2" total="3" passed="1" failed="1" warnings="1" start-time="2026-01-01 10:00:00Z" end-time="2026-01-01 10:00:02Z">
              <test-suite type="Assembly" name="A.dll" fullname="/x/A.dll" result="Failed" start-time="2026-01-01 10:00:00Z" duration="1.5">
                <test-suite type="TestFixture" name="F" fullname="A.F" result="Failed" site="Child">
                  <test-case name="Ok" fullname="A.F.Ok" methodname="Ok" classname="A.F" result="Passed" />
                  <test-case name="Bad" fullname="A.F.Bad" methodname="Bad" classname="A.F" result="Failed"><failure><message>no</message></failure><output>printed</output></test-case>
                </test-suite>
              </test-suite>
              <test-suite type="Assembly" name="B.dll" fullname="/x/B.dll" result="Warning">
                <test-case name="W" fullname="B.W" result="Warning" />
              </test-suite>
            </test-run>
            """);

        var run = NUnitResultFile.Read(file, "n1");
        Assert.Multiple(() =>
        {
            Assert.That(run.Node, Is.EqualTo("n1"));
            Assert.That(run.Plugins.Select(p => p.Name), Is.EqualTo(new[] { "A", "B" }));
            Assert.That(run.Counts, Is.EqualTo(new OutcomeCounts(3, 1, 1, 1, 0, 0)));
            Assert.That(run.StartTime, Is.EqualTo(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero)));
            Assert.That(run.Duration, Is.EqualTo(TimeSpan.FromSeconds(2)));
            var bad = run.Plugins[0].Tests.Single(t => t.FullName == "A.F.Bad");
            Assert.That(bad.Message, Is.EqualTo("no"));
            Assert.That(bad.Output, Is.EqualTo("printed"));
            Assert.That(bad.Assembly, Is.EqualTo("A.dll"));
        });
    }

    [Test]
    public void SuiteFailuresCountAsTheEngineCountsThem()
    {
        string file = Write("""
            <test-run id="2" start-time="2026-01-01 10:00:00Z">
              <test-suite type="Assembly" name="A.dll" result="Failed" site="Child">
                <test-suite type="TestFixture" name="Teardown" fullname="A.Teardown" result="Failed" site="TearDown">
                  <failure><message>teardown broke</message></failure>
                  <test-case name="Ok" fullname="A.Teardown.Ok" result="Passed" />
                </test-suite>
                <test-suite type="TestFixture" name="Setup" fullname="A.Setup" result="Failed" site="SetUp">
                  <failure><message>setup broke</message></failure>
                  <test-case name="X" fullname="A.Setup.X" result="Failed" site="Parent"><failure><message>OneTimeSetUp: setup broke</message></failure></test-case>
                </test-suite>
                <test-suite type="TestFixture" name="Broken" fullname="A.Broken" runstate="NotRunnable" result="Failed" label="Invalid">
                  <reason><message>No suitable constructor was found</message></reason>
                </test-suite>
              </test-suite>
            </test-run>
            """);

        var tests = NUnitResultFile.Read(file, "n").Plugins.Single().Tests;

        Assert.That(tests.Select(t => (t.FullName, t.Outcome, t.Message)), Is.EqualTo(new[]
        {
            ("A.Teardown.Ok", TestOutcome.Passed, (string?)null),
            ("A.Teardown", TestOutcome.Failed, "teardown broke"),
            ("A.Setup.X", TestOutcome.Failed, "OneTimeSetUp: setup broke"),
            ("A.Broken", TestOutcome.Failed, "No suitable constructor was found"),
        }));
    }

    [Test]
    public void CasesOutsideAnyAssemblyArePutInOneNamedAfterTheFileAndProjectSuitesOnlyGroup()
    {
        string file = Write("""
            <test-run id="2">
              <test-suite type="Project" name="all.nunit">
                <test-suite type="Assembly" name="A.dll"><test-case name="T" fullname="A.T" result="Passed" /></test-suite>
              </test-suite>
              <test-case name="Loose" fullname="Loose" result="Failed" />
            </test-run>
            """);

        var run = NUnitResultFile.Read(file, "n");

        Assert.That(run.Plugins.Select(p => (p.Name, p.Assemblies.Single(), string.Join(",", p.Tests.Select(t => t.FullName)))),
            Is.EqualTo(new[] { ("A", "A.dll", "A.T"), ("r", "r.dll", "Loose") }));
    }

    [Test]
    public void AResultFileNodeMonitorWroteReadsBackWithItsMetrics()
    {
        var metric = new TestMetric("queue_depth", 42.5, MetricKind.Gauge, "items", new Dictionary<string, string> { ["queue"] = "in" },
            DateTimeOffset.FromUnixTimeMilliseconds(1767261600000));
        var start = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
        var test = new TestCaseResult("q", "Q.dll", "Q.F.T", "Q.F", "T", TestOutcome.Passed, null, null, start, TimeSpan.FromSeconds(1),
            null, null, null, 1, [], [new("Owner", "ops")]) { Metrics = [metric] };
        var written = new RunResult("r1", "n", start, start.AddSeconds(2),
            [new PluginResult("q", ["Q.dll"], PluginStatus.Completed, null, null, null, start, TimeSpan.FromSeconds(1), [test])]);
        string file = Write(NodeMonitor.Core.Reporting.NUnit3ResultXml.Build(written).ToString());

        var read = NUnitResultFile.Read(file, "n").Plugins.Single().Tests.Single();

        Assert.That(read.Metrics.Select(m => (m.Name, m.Value, m.Kind, m.Unit, m.Time, string.Join(",", m.Labels))),
            Is.EqualTo(new[] { (metric.Name, metric.Value, metric.Kind, metric.Unit, metric.Time, "[queue, in]") }));
        Assert.That(read.Properties, Is.EqualTo(test.Properties));
    }

    [Test]
    public void AMalformedFileIsAnErrorNamingTheLine()
    {
        string file = Write("<test-run>\n  <test-suite type=\"Assembly\" name=\"A.dll\">\n    <test-case name=\"x\" result=\"Passed\">\n  </test-suite>\n</test-run>\n");
        var error = Assert.Throws<NUnitResultFormatException>(() => NUnitResultFile.Read(file, "n"))!;
        Assert.That(error.Line, Is.EqualTo(4));
        Assert.That(error.Message, Does.StartWith($"{file}:4:"));
        Assert.That(error.Message, Does.Contain("not well-formed XML"));
    }

    [Test]
    public void AFileThatIsNotATestRunIsRefusedWithItsRootElement()
    {
        string file = Write("<?xml version=\"1.0\"?>\n<testsuites><testsuite /></testsuites>");
        var error = Assert.Throws<NUnitResultFormatException>(() => NUnitResultFile.Read(file, "n"))!;
        Assert.That(error.Message, Does.Contain("<test-run>").And.Contain("<testsuites>"));
        Assert.That(error.Line, Is.EqualTo(2));
    }

    [Test]
    public void AbsurdlyDeepNestingIsRefusedNamingTheLineNotAStackOverflow()
    {
        const int depth = 100_000;
        string file = Path.Combine(_dir, "deep.xml");
        using (var writer = new StreamWriter(file))
        {
            writer.Write("<test-run>\n<test-suite type=\"Assembly\" name=\"A.dll\">\n");
            for (int i = 0; i < depth; i++) writer.Write("<test-suite type=\"TestSuite\" name=\"n\">\n");
            writer.Write("<test-case name=\"x\" fullname=\"x\" result=\"Passed\" />\n");
            for (int i = 0; i < depth; i++) writer.Write("</test-suite>\n");
            writer.Write("</test-suite>\n</test-run>\n");
        }

        var error = Assert.Throws<NUnitResultFormatException>(() => NUnitResultFile.Read(file, "n"))!;
        Assert.That(error.Message, Does.StartWith($"{file}:{NUnitResultFile.MaxDepth + 1}:").And.Contain("nested more than"));
    }

    [Test]
    public void AMissingFileIsAnErrorNotACrash()
    {
        var error = Assert.Throws<NUnitResultFormatException>(() => NUnitResultFile.Read(Path.Combine(_dir, "none.xml"), "n"))!;
        Assert.That(error.Message, Does.Contain("cannot read the file"));
    }

    private string Write(string xml)
    {
        string file = Path.Combine(_dir, "r.xml");
        File.WriteAllText(file, xml);
        return file;
    }
}
