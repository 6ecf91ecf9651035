using NodeMonitor.Checks.Metrics;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Metrics.Tests;

/// <summary>The author API (NodeMonitor.Checks) and the reader (NodeMonitor.Metrics) share only a property name
/// and a JSON shape; these tests hold the two sides together.</summary>
public sealed class AuthorMetricTests
{
    [Test]
    public void ASampleRecordedInATestIsReadBackFromItsProperties()
    {
        Metric.Gauge("disk_free_ratio", 0.25, "ratio", ("mount", "/"));
        Metric.Counter("retries_total", 2);

        var properties = TestContext.CurrentContext.Test.Properties[Metric.PropertyName]
            .Select(v => new KeyValuePair<string, string>(Metric.PropertyName, (string)v!)).ToList();
        var test = new TestCaseResult("disk", "Disk.dll", "Disk.T", "Disk", "T", TestOutcome.Passed, null, null,
            DateTimeOffset.UtcNow, TimeSpan.Zero, null, null, null, 0, [], properties);
        var samples = TestMetricProperty.Read(test, rejected => Assert.Fail(rejected)).ToList();

        Assert.That(Metric.PropertyName, Is.EqualTo(TestMetricProperty.PropertyName));
        Assert.That(samples.Select(s => (s.Name, s.Value, s.Kind, s.Unit)), Is.EqualTo(new[]
        {
            ("disk_free_ratio", 0.25, MetricKind.Gauge, (string?)"ratio"),
            ("retries_total", 2.0, MetricKind.Counter, (string?)null),
        }));
        Assert.That(samples[0].Labels!["mount"], Is.EqualTo("/"));
    }

    [Test]
    public void AnAuthorIsToldAtOnceThatNodeMonitorsNamesAreReserved()
    {
        var error = Assert.Throws<ArgumentException>(() => Metric.Gauge("nodemonitor_run_success", 1));

        Assert.That(error!.Message, Does.Contain("reserved"));
        Assert.That(Metric.ReservedPrefix, Is.EqualTo(ReservedMetricNames.Prefix));
    }
}
