using NodeMonitor.Core.Nagios;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Metrics.Tests;

/// <summary>Nagios perfdata reaches the store by the path plugin metrics take (PerfDataMetric writes the JSON, Core's
/// TestMetricJson reads it once, the store takes the typed sample); these tests hold the sides together.</summary>
public sealed class NagiosPerfDataMetricTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void PerfDataPropertiesAreReadAsSamplesWithUnitKindAndLabels()
    {
        var samples = Read(T0, "load1=0.5;5;10;0 /=2MB 'bytes out'=17c");

        Assert.That(samples.Select(s => (s.Name, s.Value, s.Kind, s.Unit, s.ValueIsTotal)), Is.EqualTo(new[]
        {
            ("nagios_load1", 0.5, MetricKind.Gauge, (string?)null, false),
            ("nagios_root_bytes", 2097152.0, MetricKind.Gauge, "bytes", false),
            ("nagios_bytes_out_total", 17.0, MetricKind.Counter, null, true),
        }));
        Assert.That(samples[1].Labels, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["command"] = "check_it", ["label"] = "/", ["plugin"] = "nrpe", ["test"] = "nagios.nrpe.check_it",
        }));
        Assert.That(samples[0].Time, Is.EqualTo(T0.AddSeconds(1)), "a command's samples are stamped when it ended");
    }

    [Test]
    public void ANagiosCounterIsStoredAsTheTotalThePluginPrintedNotAddedUp()
    {
        using var state = new TemporaryState();
        using var store = MetricStore.Open(state.Directory, MetricRetention.Default);
        store.Write(Read(T0, "sent=1000c"), T0);
        store.Write(Read(T0.AddMinutes(1), "sent=1500c"), T0.AddMinutes(1));

        var series = store.Series("nagios_sent_total").Single();
        Assert.That((series.LastValue, series.Kind), Is.EqualTo((1500.0, MetricKind.Counter)));
    }

    [Test]
    public void APluginCounterIncreaseIsStillAddedUp()
    {
        using var state = new TemporaryState();
        using var store = MetricStore.Open(state.Directory, MetricRetention.Default);
        store.Write([new("retries_total", 2, T0, MetricKind.Counter)], T0);
        store.Write([new("retries_total", 3, T0.AddMinutes(1), MetricKind.Counter)], T0.AddMinutes(1));

        Assert.That(store.Series("retries_total").Single().LastValue, Is.EqualTo(5));
    }

    private static List<MetricSample> Read(DateTimeOffset start, string perfData)
    {
        var metrics = PerfDataParser.Parse(perfData).Samples
            .Select(p => TestMetricJson.Parse(PerfDataMetric.ToJson(p, "check_it")))
            .ToList();
        var test = new TestCaseResult("nrpe", "nrpe.cfg", "nagios.nrpe.check_it", "nagios.nrpe", "check_it", TestOutcome.Passed, null, null,
            start, TimeSpan.FromSeconds(1), null, null, null, 0, ["nagios"], []) { Metrics = metrics };
        return TestMetricSamples.From(test, rejected => Assert.Fail(rejected)).ToList();
    }
}
