using NodeMonitor.Execution.NUnit;
using NodeMonitor.Core.Listening;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Execution.Tests.NUnit;

/// <summary>The engine's XML events, as NUnit3TestAdapter's engine 3.22 sends them, become NodeMonitor's typed events.</summary>
public class NUnitEngineEventsTests
{
    private static readonly string[] MixedRun =
    [
        """<start-run count="4" start-time="2026-01-01 10:00:00Z" engine-version="3.22.0.0" />""",
        """<start-suite id="0-1005" parentId="" name="Checks.dll" fullname="/p/Checks.dll" type="Assembly" />""",
        """<start-suite id="0-1000" parentId="0-1005" name="Fixture" fullname="Ns.Fixture" type="TestFixture" />""",
        """<start-test id="0-1001" parentId="0-1000" name="Passes" fullname="Ns.Fixture.Passes" type="TestMethod" />""",
        """<test-case id="0-1001" parentId="0-1000" name="Passes" fullname="Ns.Fixture.Passes" methodname="Passes" classname="Ns.Fixture" result="Passed" duration="0.01" asserts="1" />""",
        """<start-test id="0-1002" parentId="0-1000" name="Warns" fullname="Ns.Fixture.Warns" type="TestMethod" />""",
        """<test-case id="0-1002" parentId="0-1000" name="Warns" fullname="Ns.Fixture.Warns" methodname="Warns" classname="Ns.Fixture" result="Warning" duration="0.01"><reason><message><![CDATA[disk is getting full]]></message></reason></test-case>""",
        """<test-case id="0-1003" parentId="0-1000" name="Unsure" fullname="Ns.Fixture.Unsure" methodname="Unsure" classname="Ns.Fixture" result="Inconclusive" duration="0" />""",
        """<test-case id="0-1004" parentId="0-1000" name="Fails" fullname="Ns.Fixture.Fails" methodname="Fails" classname="Ns.Fixture" result="Failed" label="Error" site="Test" duration="0"><properties><property name="Category" value="disk" /><property name="_SKIPREASON" value="x" /></properties><failure><message><![CDATA[boom]]></message><stack-trace><![CDATA[at Ns.Fixture.Fails() in /src/F.cs:line 9]]></stack-trace></failure></test-case>""",
        """<test-suite type="TestFixture" id="0-1000" parentId="0-1005" name="Fixture" fullname="Ns.Fixture" result="Failed" site="Child" />""",
        """<test-suite type="Assembly" id="0-1005" parentId="" name="Checks.dll" fullname="/p/Checks.dll" result="Failed" site="Child" />""",
        """<test-run id="2" name="Checks.dll" result="Failed" total="4" passed="1" failed="1" warnings="1" inconclusive="1" skipped="0" />""",
    ];

    [Test]
    public void ARunOfEngineEventsBecomesOnePluginPerAssemblyWithEveryOutcome()
    {
        var listener = new RecordingListener();
        var events = new NUnitEngineEvents("desk", listener);
        foreach (var e in MixedRun) Assert.That(events.OnEvent(e), Is.True, e);

        var run = events.Result!;
        Assert.That(run.Node, Is.EqualTo("desk"));
        Assert.That(run.Plugins.Select(p => p.Name), Is.EqualTo(new[] { "Checks" }));
        Assert.That(run.Counts, Is.EqualTo(new OutcomeCounts(4, 1, 1, 1, 1, 0)));
        var failed = run.Plugins[0].Tests.Single(t => t.Outcome == TestOutcome.Failed);
        Assert.Multiple(() =>
        {
            Assert.That(failed.Message, Is.EqualTo("boom"));
            Assert.That(failed.StackTrace, Does.Contain("F.cs:line 9"));
            Assert.That(failed.Label, Is.EqualTo("Error"));
            Assert.That(failed.Categories, Is.EqualTo(new[] { "disk" }));
            Assert.That(failed.Properties, Is.Empty, "NUnit-internal properties are left out");
            Assert.That(failed.Assembly, Is.EqualTo("Checks.dll"));
        });
    }

    [Test]
    public void ListenersGetTheEventsInTheOrderNodemonitorRunPromises()
    {
        var listener = new RecordingListener();
        var events = new NUnitEngineEvents("desk", listener);
        foreach (var e in MixedRun) events.OnEvent(e);

        // The whole sequence, in order: every finished test was started just before, also the one NUnit never started (Unsure).
        Assert.That(listener.Events.Select(Describe), Is.EqualTo(new[]
        {
            "RunStarted", "PluginStarted Checks",
            "TestStarted Ns.Fixture.Passes", "TestFinished Ns.Fixture.Passes",
            "TestStarted Ns.Fixture.Warns", "TestFinished Ns.Fixture.Warns",
            "TestStarted Ns.Fixture.Unsure", "TestFinished Ns.Fixture.Unsure",
            "TestStarted Ns.Fixture.Fails", "TestFinished Ns.Fixture.Fails",
            "PluginFinished Checks", "RunFinished",
        }));
    }

    [Test]
    public void AFixtureThatFailedInOneTimeTearDownCountsAsOneMoreFailure()
    {
        var events = new NUnitEngineEvents("desk", new RecordingListener());
        events.OnEvent(MixedRun[1]);
        events.OnEvent(MixedRun[2]);
        events.OnEvent(MixedRun[4]);
        events.OnEvent("""<test-suite type="TestFixture" id="0-1000" parentId="0-1005" name="Fixture" fullname="Ns.Fixture" result="Failed" site="TearDown"><failure><message>teardown broke</message></failure></test-suite>""");
        events.OnEvent(MixedRun[^2]);
        events.OnEvent(MixedRun[^1]);

        var tests = events.Result!.Plugins[0].Tests;
        Assert.That(tests.Select(t => (t.FullName, t.Outcome)),
            Is.EqualTo(new[] { ("Ns.Fixture.Passes", TestOutcome.Passed), ("Ns.Fixture", TestOutcome.Failed) }));
        Assert.That(tests[1].Message, Is.EqualTo("teardown broke"));
    }

    [Test]
    public void AnUnreadableEventIsRefusedWithoutThrowing()
    {
        var events = new NUnitEngineEvents("desk", new RecordingListener());
        Assert.That(events.OnEvent("<test-case id=\"0-1\" unclosed"), Is.False);
        Assert.That(events.Result, Is.Null);
    }

    [Test]
    public void AnAssemblyTheEngineNeverClosedIsKeptAsCrashedWithTheTestsItRan()
    {
        var events = new NUnitEngineEvents("desk", new RecordingListener());
        events.OnEvent(MixedRun[0]);
        events.OnEvent(MixedRun[1]);
        events.OnEvent(MixedRun[4]);
        events.OnEvent(MixedRun[5]);
        events.OnEvent(MixedRun[^1]);

        var plugin = events.Result!.Plugins.Single();
        Assert.That(plugin.Status, Is.EqualTo(PluginStatus.Crashed));
        Assert.That(plugin.RunningTest, Is.EqualTo("Ns.Fixture.Warns"));
        Assert.That(plugin.Tests, Has.Count.EqualTo(1));
    }

    [Test]
    public void TheWorkersTranslationOfTheSameEventsGivesTheSameResults()
    {
        var engine = new NUnitEngineEvents("desk", new RecordingListener());
        foreach (var e in MixedRun) engine.OnEvent(e);
        var worker = new List<NUnitEvent>();
        var translator = new NUnitEventTranslator(worker.Add, plugin: "checks", assembly: "Checks.dll");
        foreach (var e in MixedRun) translator.OnEvent(e);

        var fromWorker = worker.OfType<NUnitTestFinished>().Select(f => f.Result with { Plugin = "Checks" }).ToList();
        Assert.That(fromWorker.Select(Summary), Is.EqualTo(engine.Result!.Plugins[0].Tests.Select(Summary)));
        Assert.That(worker.OfType<NUnitTestStarted>().Select(t => t.FullName), Is.EqualTo(new[] { "Ns.Fixture.Passes", "Ns.Fixture.Warns" }),
            "the translator reports what NUnit said; the promise of a start for every finish is kept downstream");
    }

    [Test]
    public void AOneTimeSetUpFailureFailsEachTestOnceAndTheFixtureIsNotCountedAgain()
    {
        var events = Run(
            """<start-suite id="0-1005" parentId="" name="Checks.dll" type="Assembly" />""",
            """<start-suite id="0-1000" parentId="0-1005" name="Fixture" fullname="Ns.Fixture" type="TestFixture" />""",
            """<test-case id="0-1001" parentId="0-1000" fullname="Ns.Fixture.A" result="Failed" site="Parent"><failure><message>OneTimeSetUp: no disk</message></failure></test-case>""",
            """<test-case id="0-1002" parentId="0-1000" fullname="Ns.Fixture.B" result="Failed" site="Parent"><failure><message>OneTimeSetUp: no disk</message></failure></test-case>""",
            """<test-suite type="TestFixture" id="0-1000" parentId="0-1005" fullname="Ns.Fixture" result="Failed" site="SetUp"><failure><message>no disk</message></failure></test-suite>""",
            """<test-suite type="Assembly" id="0-1005" parentId="" name="Checks.dll" result="Failed" site="Child" />""",
            """<test-run id="2" />""");

        Assert.That(events.Result!.Plugins[0].Tests.Select(t => (t.FullName, t.Site)), Is.EqualTo(new[] { ("Ns.Fixture.A", "Parent"), ("Ns.Fixture.B", "Parent") }));
    }

    [Test]
    public void AFixtureNUnitCouldNotBuildIsOneFailedSuiteLevelResult()
    {
        var events = Run(
            """<start-suite id="0-1005" parentId="" name="Checks.dll" type="Assembly" />""",
            """<start-suite id="0-1000" parentId="0-1005" name="Broken" fullname="Ns.Broken" type="TestFixture" />""",
            """<test-suite type="TestFixture" id="0-1000" parentId="0-1005" name="Broken" fullname="Ns.Broken" classname="Ns.Broken" runstate="NotRunnable" result="Failed" label="Invalid"><reason><message>No suitable constructor was found</message></reason></test-suite>""",
            """<test-suite type="Assembly" id="0-1005" parentId="" name="Checks.dll" result="Failed" site="Child" />""",
            """<test-run id="2" />""");

        var broken = events.Result!.Plugins[0].Tests.Single();
        Assert.That((broken.FullName, broken.ClassName, broken.MethodName, broken.Outcome, broken.Label, broken.Message),
            Is.EqualTo(("Ns.Broken", "Ns.Broken", "", TestOutcome.Failed, "Invalid", "No suitable constructor was found")));
    }

    [Test]
    public void OutputAndPropertiesTravelWithTheirTestAndEachAssemblyIsAPlugin()
    {
        var listener = new RecordingListener();
        var events = new NUnitEngineEvents("desk", listener);
        foreach (var e in new[]
                 {
                     """<start-run start-time="2026-01-01 10:00:00Z" />""",
                     """<start-suite id="0-1000" parentId="" name="A.dll" type="Assembly" />""",
                     """<start-suite id="1-1000" parentId="" name="B.dll" type="Assembly" />""",
                     """<start-test id="1-1001" parentId="1-1000" fullname="B.T" />""",
                     "<test-output stream=\"Progress\" testid=\"1-1001\" testname=\"B.T\"><![CDATA[half way\n]]></test-output>",
                     """<test-case id="1-1001" parentId="1-1000" fullname="B.T" result="Passed"><properties><property name="Owner" value="ops" /><property name="Category" value="net" /></properties><output><![CDATA[printed]]></output></test-case>""",
                     """<test-suite type="Assembly" id="1-1000" parentId="" name="B.dll" result="Passed" start-time="2026-01-01 10:00:01Z" duration="2.5" />""",
                     """<test-suite type="Assembly" id="0-1000" parentId="" name="A.dll" result="Passed" />""",
                     """<test-run id="2" start-time="2026-01-01 10:00:00Z" end-time="2026-01-01 10:00:04Z" />""",
                 })
            events.OnEvent(e);

        var progress = listener.Events.OfType<TestProgress>().Single();
        var b = events.Result!.Plugins.Single(p => p.Name == "B");
        var test = b.Tests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(events.Result.Plugins.Select(p => p.Name), Is.EqualTo(new[] { "A", "B" }));
            Assert.That((progress.Plugin, progress.FullName, progress.Text), Is.EqualTo(("B", "B.T", "half way")));
            Assert.That((test.Output, test.Categories, test.Properties), Is.EqualTo(("printed", new[] { "net" }, new[] { new KeyValuePair<string, string>("Owner", "ops") })));
            Assert.That((b.StartTime, b.Duration), Is.EqualTo((new DateTimeOffset(2026, 1, 1, 10, 0, 1, TimeSpan.Zero), TimeSpan.FromSeconds(2.5))), "NUnit's own times");
            Assert.That(events.Result.Duration, Is.EqualTo(TimeSpan.FromSeconds(4)));
        });
    }

    [Test]
    public void MetricSamplesAreReadOnceIntoTypedMetricsAndAMalformedOneIsKeptAsRejected()
    {
        var events = Run(
            """<start-suite id="0-1" parentId="" name="Checks.dll" type="Assembly" />""",
            """<test-case id="0-2" parentId="0-1" fullname="Ns.F.T" result="Passed"><properties>""" +
            """<property name="nodemonitor.metric" value="{&quot;name&quot;:&quot;queue_depth&quot;,&quot;value&quot;:42.5,&quot;kind&quot;:&quot;gauge&quot;,&quot;unit&quot;:&quot;items&quot;,&quot;time&quot;:1767261600000,&quot;labels&quot;:{&quot;queue&quot;:&quot;in&quot;}}" />""" +
            """<property name="nodemonitor.metric" value="{&quot;name&quot;:&quot;sent_total&quot;,&quot;value&quot;:7,&quot;kind&quot;:&quot;counter&quot;,&quot;total&quot;:true}" />""" +
            """<property name="nodemonitor.metric" value="{not json" /><property name="Owner" value="ops" /></properties></test-case>""",
            """<test-suite type="Assembly" id="0-1" parentId="" name="Checks.dll" result="Passed" />""",
            """<test-run id="2" />""");

        var test = events.Result!.Plugins[0].Tests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(test.Metrics.Select(m => (m.Name, m.Value, m.Kind, m.Unit, m.ValueIsTotal)), Is.EqualTo(new[]
            {
                ("queue_depth", 42.5, MetricKind.Gauge, (string?)"items", false), ("sent_total", 7.0, MetricKind.Counter, null, true),
            }));
            Assert.That(test.Metrics[0].Labels, Is.EquivalentTo(new Dictionary<string, string> { ["queue"] = "in" }));
            Assert.That(test.Metrics[0].Time, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1767261600000)));
            Assert.That(test.Metrics[1].Time, Is.Null);
            Assert.That(test.RejectedMetrics.Single(), Does.StartWith("{not json: "));
            Assert.That(test.Properties, Is.EqualTo(new[] { new KeyValuePair<string, string>("Owner", "ops") }), "nothing downstream reads metric JSON");
        });
    }

    private static NUnitEngineEvents Run(params string[] xml)
    {
        var events = new NUnitEngineEvents("desk", new RecordingListener());
        foreach (string e in xml) Assert.That(events.OnEvent(e), Is.True, e);
        return events;
    }

    private static string Summary(TestCaseResult t) => $"{t.Plugin}|{t.Assembly}|{t.FullName}|{t.Outcome}|{t.Label}|{t.Site}|{t.Message}|{t.StackTrace}|{string.Join(",", t.Categories)}";

    private static string Describe(RunEvent e) => e switch
    {
        PluginStarted p => $"PluginStarted {p.Plugin}",
        TestStarted t => $"TestStarted {t.FullName}",
        TestFinished f => $"TestFinished {f.Result.FullName}",
        PluginFinished p => $"PluginFinished {p.Result.Name}",
        _ => e.GetType().Name,
    };

    private sealed class RecordingListener : IRunListener
    {
        public List<RunEvent> Events { get; } = [];

        public void OnEvent(RunEvent runEvent) => Events.Add(runEvent);
    }
}
