using NodeMonitor.Core.Pipeline;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Metrics.Tests;

public sealed class RunMetricsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static TestCaseResult Test(string name, TestOutcome outcome, params (string Key, string Value)[] properties) => new(
        "disk", "Disk.dll", name, "Disk.Checks", name, outcome, null, null, Start, TimeSpan.FromSeconds(1),
        null, null, null, 1, [], properties.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)).ToList());

    private static RunResult Run(params TestCaseResult[] tests) => new("r1", "node1", Start, Start.AddSeconds(4),
        [
            new PluginResult("disk", ["Disk.dll"], PluginStatus.Completed, null, null, null, Start, TimeSpan.FromSeconds(3), tests),
            new PluginResult("broken", [], PluginStatus.Crashed, "worker died", null, null, Start, TimeSpan.FromSeconds(1), []),
        ]);

    private static double Value(IEnumerable<MetricSample> samples, string name, string? key = null, string? value = null) =>
        samples.Single(s => s.Name == name && (key is null || s.Labels![key] == value)).Value;

    [Test]
    public void TheRunnerRecordsDurationsSuccessAndTestsByOutcome()
    {
        var samples = RunMetrics.From(Run(Test("A", TestOutcome.Passed), Test("B", TestOutcome.Failed)), [], _ => { });

        Assert.That(Value(samples, "nodemonitor_run_duration_seconds"), Is.EqualTo(4));
        Assert.That(Value(samples, "nodemonitor_run_success"), Is.EqualTo(0));
        Assert.That(Value(samples, "nodemonitor_plugin_duration_seconds", "plugin", "disk"), Is.EqualTo(3));
        Assert.That(Value(samples, "nodemonitor_plugin_success", "plugin", "disk"), Is.EqualTo(0));
        Assert.That(Value(samples, "nodemonitor_plugin_success", "plugin", "broken"), Is.EqualTo(0));
        Assert.That(Value(samples, "nodemonitor_tests", "outcome", "failed"), Is.EqualTo(1));
        Assert.That(Value(samples, "nodemonitor_tests", "outcome", "passed"), Is.EqualTo(1));
    }

    [Test]
    public void SinkErrorsAreCountedPerSink()
    {
        var errors = new[] { new SinkError("etcd", new IOException("down")), new SinkError("etcd", new IOException("down")) };

        var samples = RunMetrics.From(Run(), errors, _ => { });

        var sink = samples.Single(s => s.Name == "nodemonitor_sink_errors_total");
        Assert.That((sink.Value, sink.Kind, sink.Labels!["sink"]), Is.EqualTo((2.0, MetricKind.Counter, "etcd")));
    }

    [Test]
    public void ASampleRecordedByATestArrivesLabelledWithItsPluginAndTest()
    {
        string json = """{"name":"disk_free_ratio","value":0.25,"kind":"gauge","unit":"ratio","labels":{"mount":"/"}}""";

        var samples = RunMetrics.From(Run(Test("Disk.Checks.RootHasSpace", TestOutcome.Passed, (TestMetricProperty.PropertyName, json))), [], _ => { });

        var sample = samples.Single(s => s.Name == "disk_free_ratio");
        Assert.That(sample.Value, Is.EqualTo(0.25));
        Assert.That(sample.Unit, Is.EqualTo("ratio"));
        Assert.That(sample.Labels, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["mount"] = "/", ["plugin"] = "disk", ["test"] = "Disk.Checks.RootHasSpace",
        }));
    }

    [Test]
    public void AMalformedSampleIsReportedAndSkippedWithoutLosingTheOthers()
    {
        var rejected = new List<string>();
        var test = Test("T", TestOutcome.Passed,
            (TestMetricProperty.PropertyName, "{not json"),
            (TestMetricProperty.PropertyName, """{"name":"bad name","value":1}"""),
            (TestMetricProperty.PropertyName, """{"name":"good","value":1}"""));

        var samples = RunMetrics.From(Run(test), [], rejected.Add);

        Assert.That(samples.Count(s => !s.Name.StartsWith("nodemonitor_", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(rejected, Has.Count.EqualTo(2));
    }

    [Test]
    public void APluginCannotRecordUnderNodeMonitorsOwnNamesAndTheWarningNamesTheTest()
    {
        var rejected = new List<string>();
        var test = Test("Spoof.Checks.Fake", TestOutcome.Passed,
            (TestMetricProperty.PropertyName, """{"name":"nodemonitor_run_success","value":1}"""),
            (TestMetricProperty.PropertyName, """{"name":"nodemonitor_test_status","value":1,"labels":{"outcome":"Passed"}}"""),
            (TestMetricProperty.PropertyName, """{"name":"NodeMonitor_runs_total","value":5,"kind":"counter"}"""),
            (TestMetricProperty.PropertyName, """{"name":"nodemonitorish_value","value":2}"""));

        var samples = RunMetrics.From(Run(Test("B", TestOutcome.Failed), test), [], rejected.Add);

        Assert.That(samples.Where(s => s.Name == "nodemonitor_run_success").Select(s => s.Value), Is.EqualTo(new[] { 0.0 }),
            "only the runner's own verdict: the run failed");
        Assert.That(samples.Any(s => s.Name == "nodemonitor_test_status"), Is.False);
        Assert.That(samples.Count(s => s.Name.Equals("nodemonitor_runs_total", StringComparison.OrdinalIgnoreCase)), Is.EqualTo(1));
        Assert.That(samples.Any(s => s.Name == "nodemonitorish_value"), Is.True, "only the nodemonitor_ prefix is reserved");
        Assert.That(rejected, Has.Count.EqualTo(3));
        Assert.That(rejected, Has.All.Contain("disk: Spoof.Checks.Fake: dropped metric").And.Contain("reserved"));
    }

    [Test]
    public void ALabelSelectorWithoutAnEqualsSignIsAClearError()
    {
        var error = Assert.Throws<FormatException>(() => MetricLabels.ParseSelector("plugin=disk,mount"));

        Assert.That(error!.Message, Does.Contain("\"mount\""));
    }
}
