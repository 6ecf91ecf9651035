using NodeMonitor.Core.Ingestion;
using NodeMonitor.Core.Listening;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Extension.Tests;

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

        var kinds = listener.Events.Select(e => e.GetType().Name).ToList();
        Assert.That(kinds.First(), Is.EqualTo(nameof(RunStarted)));
        Assert.That(kinds[1], Is.EqualTo(nameof(PluginStarted)));
        Assert.That(kinds[^2], Is.EqualTo(nameof(PluginFinished)));
        Assert.That(kinds.Last(), Is.EqualTo(nameof(RunFinished)));
        var started = listener.Events.OfType<TestStarted>().Select(s => s.FullName).ToList();
        var finished = listener.Events.OfType<TestFinished>().Select(f => f.Result.FullName).ToList();
        Assert.That(started, Is.EquivalentTo(finished), "every finished test was started first, also those NUnit never started");
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

    private sealed class RecordingListener : IRunListener
    {
        public List<RunEvent> Events { get; } = [];

        public void OnEvent(RunEvent runEvent) => Events.Add(runEvent);
    }
}
