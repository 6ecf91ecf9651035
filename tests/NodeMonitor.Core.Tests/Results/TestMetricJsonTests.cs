using NodeMonitor.Core.Results;
using NUnit.Framework;

namespace NodeMonitor.Core.Tests.Results;

/// <summary>The JSON a plugin writes for a sample (NodeMonitor.Checks' Metric, Nagios.Check), read into a typed
/// <see cref="TestMetric"/> once and written back for NUnit result XML.</summary>
public sealed class TestMetricJsonTests
{
    [Test]
    public void EveryFieldIsRead()
    {
        var metric = TestMetricJson.Parse(
            """{"name":"sent_total","value":12345,"kind":"Counter","unit":"bytes","time":1767261600000,"total":true,"labels":{"if":"eth0"}}""");

        Assert.That((metric.Name, metric.Value, metric.Kind, metric.Unit, metric.Time, metric.ValueIsTotal),
            Is.EqualTo(("sent_total", 12345.0, MetricKind.Counter, (string?)"bytes", (DateTimeOffset?)DateTimeOffset.FromUnixTimeMilliseconds(1767261600000), true)));
        Assert.That(metric.Labels, Is.EquivalentTo(new Dictionary<string, string> { ["if"] = "eth0" }));
    }

    [Test]
    public void OnlyNameAndValueAreNeeded()
    {
        var metric = TestMetricJson.Parse("""{"name":"up","value":1}""");

        Assert.That((metric.Kind, metric.Unit, metric.Time, metric.ValueIsTotal, metric.Labels.Count), Is.EqualTo((MetricKind.Gauge, (string?)null, (DateTimeOffset?)null, false, 0)));
    }

    [TestCase("{not json", "")]
    [TestCase("[1]", "expected a JSON object")]
    [TestCase("""{"value":1}""", "no \"name\" string")]
    [TestCase("""{"name":"a","value":"1"}""", "no \"value\" number")]
    [TestCase("""{"name":"a","value":1,"kind":"histogram"}""", "\"kind\" is \"histogram\"")]
    [TestCase("""{"name":"a","value":1,"kind":"1"}""", "\"kind\" is \"1\"")]
    [TestCase("""{"name":"a","value":1,"labels":{"k":2}}""", "label \"k\" is not a string")]
    [TestCase("""{"name":"a","value":1,"labels":[]}""", "\"labels\" is not an object")]
    public void AMalformedSampleIsAFormatErrorSayingWhy(string json, string why)
    {
        var error = Assert.Throws<FormatException>(() => TestMetricJson.Parse(json))!;
        Assert.That(error.Message, Does.Contain(why));
    }

    [Test]
    public void WrittenJsonReadsBackAsTheSameSample()
    {
        var metric = new TestMetric("disk_free_ratio", 0.25, MetricKind.Gauge, "ratio",
            new Dictionary<string, string> { ["mount"] = "/", ["quote"] = "say \"hi\"" }, DateTimeOffset.FromUnixTimeMilliseconds(1767261600123));

        var read = TestMetricJson.Parse(TestMetricJson.ToJson(metric));

        Assert.That(read with { Labels = metric.Labels }, Is.EqualTo(metric));
        Assert.That(read.Labels, Is.EquivalentTo(metric.Labels));
    }
}
