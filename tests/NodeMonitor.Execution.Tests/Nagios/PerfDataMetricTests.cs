using System.Globalization;
using System.Text.Json;
using NodeMonitor.Core.Nagios;
using NodeMonitor.Core.Results;
using NodeMonitor.Execution.Nagios;

namespace NodeMonitor.Execution.Tests.Nagios;

/// <summary>How perfdata values are named and carried as metric samples (read back by NodeMonitor.Metrics).</summary>
public sealed class PerfDataMetricTests
{
    [TestCase("load1=0.5;5;10;0", "nagios_load1")]
    [TestCase("/=100MB;200;300;0;400", "nagios_root_bytes")]
    [TestCase("/var/log=5%", "nagios_var_log_percent")]
    [TestCase("'Disk Usage /home'=5%", "nagios_disk_usage_home_percent")]
    [TestCase("time=0.002s", "nagios_time_seconds")]
    [TestCase("response_seconds=2ms", "nagios_response_seconds")]
    [TestCase("bytes_in=17c", "nagios_bytes_in_total")]
    [TestCase("temp=40C", "nagios_temp")]
    [TestCase("'%%'=1", "nagios_value")]
    public void AValueIsNamedAfterItsLabelWithItsUnitsSuffix(string perfData, string name)
    {
        var sample = PerfDataParser.Parse(perfData).Samples.Single();
        Assert.That(PerfDataMetric.Name(sample), Is.EqualTo(name));
        Assert.That(Field(PerfDataMetric.ToJson(sample, "cmd"), "name"), Is.EqualTo(name));
    }

    [Test]
    public void AValueCarriesItsNormalisedUnitAndTheCommandAndLabelAsLabels()
    {
        var sample = PerfDataParser.Parse("/=100MB;;;0;400").Samples.Single();
        using var json = JsonDocument.Parse(PerfDataMetric.ToJson(sample, "check_root"));
        var root = json.RootElement;

        Assert.That((root.GetProperty("value").GetDouble(), root.GetProperty("kind").GetString(), root.GetProperty("unit").GetString()),
            Is.EqualTo((100 * 1048576.0, "gauge", "bytes")));
        Assert.That(root.GetProperty("labels").GetProperty("command").GetString(), Is.EqualTo("check_root"));
        Assert.That(root.GetProperty("labels").GetProperty("label").GetString(), Is.EqualTo("/"));
        Assert.That(root.TryGetProperty("total", out _), Is.False);
    }

    [Test]
    public void ACounterIsACounterWhoseValueIsAlreadyTheTotal()
    {
        var sample = PerfDataParser.Parse("sent=123456c;1;2").Samples.Single();
        var json = PerfDataMetric.ToJson(sample, "net");

        Assert.That((Field(json, "kind"), Field(json, "total"), Field(json, "value")), Is.EqualTo(("counter", "True", "123456")));
    }

    [Test]
    public void ACommandsTestCaseCarriesItsPerfDataAsTypedMetrics()
    {
        var command = new NagiosCommand("check_load", "/bin/true", "/plugins/p/nrpe.cfg", 1);
        var run = new NagiosExecution(0, "OK - load average: 0.5 | load1=0.5;5;10;0 load5=0.4;;;0\n", "", null, TimeSpan.FromMilliseconds(3));
        var test = NagiosTestCase.From("p", command, run, DateTimeOffset.UtcNow, warningIsFailure: false);

        Assert.That(test.Metrics.Select(m => (m.Name, m.Value, m.Kind)), Is.EqualTo(new[]
        {
            ("nagios_load1", 0.5, MetricKind.Gauge), ("nagios_load5", 0.4, MetricKind.Gauge),
        }), "one series per value; thresholds are not stored");
        Assert.That(test.Metrics[0].Labels, Is.EquivalentTo(new Dictionary<string, string> { ["command"] = "check_load", ["label"] = "load1" }));
        Assert.That(test.Properties, Does.Contain(new KeyValuePair<string, string>("perfdata:load1", "0.5")), "the readable property stays");
        Assert.That(test.Properties.Select(p => p.Key), Has.None.EqualTo(TestMetricJson.PropertyName), "metrics travel typed, not as JSON");
        Assert.That(test.Outcome, Is.EqualTo(TestOutcome.Passed));
    }

    private static string Field(string json, string name)
    {
        using var document = JsonDocument.Parse(json);
        var value = document.RootElement.GetProperty(name);
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble().ToString(CultureInfo.InvariantCulture),
            JsonValueKind.True or JsonValueKind.False => value.GetBoolean().ToString(),
            _ => value.GetString()!,
        };
    }
}
