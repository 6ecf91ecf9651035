using NodeMonitor.Core.Storage;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Metrics.Tests;

public sealed class MetricStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string> L(string key, string value) => new() { [key] = value };

    [Test]
    public void AGaugeIsReadBackAsTheLatestValueOfItsSeries()
    {
        using var state = new TemporaryState();
        using var store = MetricStore.Open(state.Directory, MetricRetention.Default);
        store.Write([new("disk_free_bytes", 10, T0, Labels: L("mount", "/"))], T0);
        store.Write([new("disk_free_bytes", 7, T0.AddMinutes(1), Labels: L("mount", "/")),
                     new("disk_free_bytes", 99, T0.AddMinutes(1), Labels: L("mount", "/var"))], T0.AddMinutes(1));

        var series = store.Series("disk_free_bytes", L("mount", "/"));

        Assert.That(series, Has.Count.EqualTo(1));
        Assert.That(series[0].LastValue, Is.EqualTo(7));
        Assert.That(series[0].LabelText, Is.EqualTo("{mount=\"/\"}"));
    }

    [Test]
    public void ACounterAddsEachIncreaseToItsRunningTotal()
    {
        using var state = new TemporaryState();
        using var store = MetricStore.Open(state.Directory, MetricRetention.Default);
        for (int i = 0; i < 3; i++)
            store.Write([new("errors_total", 2, T0.AddMinutes(i), MetricKind.Counter)], T0.AddMinutes(i));

        Assert.That(store.Series("errors_total").Single().LastValue, Is.EqualTo(6));
    }

    [Test]
    public void AfterTheRawAgeOnlyRollupsRemainAndTheyKeepMinAverageAndMax()
    {
        using var state = new TemporaryState();
        var retention = new MetricRetention(TimeSpan.FromHours(1), TimeSpan.FromDays(30));
        using var store = MetricStore.Open(state.Directory, retention);
        // Three samples inside one 5-minute bucket.
        store.Write([new("load", 1, T0), new("load", 5, T0.AddMinutes(1)), new("load", 3, T0.AddMinutes(2))], T0.AddMinutes(2));
        var later = T0.AddHours(3);
        store.Write([new("load", 0, later)], later);

        var old = store.Points("load", null, T0.AddMinutes(-1), T0.AddMinutes(10), later).Single();
        var raw = store.Points("load", null, later.AddMinutes(-30), later, later).Single();

        Assert.That(old.Resolution, Is.EqualTo(MetricStore.FineRollup));
        Assert.That(old.Points.Single(), Is.EqualTo(new MetricPoint(T0, 1, 3, 5)));
        Assert.That(raw.Resolution, Is.EqualTo(TimeSpan.Zero));
        Assert.That(raw.Points.Select(p => p.Avg), Is.EqualTo(new[] { 0.0 }), "the first three raw samples are older than the raw age");
    }

    [Test]
    public void WindowsOlderThanAWeekAreReadFromHourlyRollups()
    {
        using var state = new TemporaryState();
        using var store = MetricStore.Open(state.Directory, MetricRetention.Default);
        store.Write([new("load", 2, T0), new("load", 4, T0.AddMinutes(20))], T0.AddMinutes(20));
        var now = T0.AddDays(10);
        store.Write([new("load", 1, now)], now);

        var points = store.Points("load", null, T0.AddHours(-1), T0.AddHours(2), now).Single();

        Assert.That(points.Resolution, Is.EqualTo(MetricStore.CoarseRollup));
        Assert.That(points.Points.Single(), Is.EqualTo(new MetricPoint(T0, 2, 3, 4)));
    }

    [Test]
    public void ASeriesWithNoSampleForTheRollupAgeIsRemoved()
    {
        using var state = new TemporaryState();
        using var store = MetricStore.Open(state.Directory, new MetricRetention(TimeSpan.FromHours(1), TimeSpan.FromDays(2)));
        store.Write([new("gone", 1, T0), new("kept", 1, T0)], T0);
        var now = T0.AddDays(3);
        store.Write([new("kept", 2, now)], now);

        Assert.That(store.Series().Select(s => s.Name), Is.EqualTo(new[] { "kept" }));
    }

    [Test]
    public void AnInvalidNameIsRejectedAndNothingOfTheBatchIsStored()
    {
        using var state = new TemporaryState();
        using var store = MetricStore.Open(state.Directory, MetricRetention.Default);

        var error = Assert.Throws<ArgumentException>(() => store.Write([new("fine", 1, T0), new("disk free", 1, T0)], T0));

        Assert.That(error!.Message, Does.Contain("disk free"));
        Assert.That(store.Series(), Is.Empty);
    }

    [Test]
    public void MetricsShareTheFileOfTheLocalStore()
    {
        using var state = new TemporaryState();
        using var store = MetricStore.Open(state.Directory, MetricRetention.Default);

        Assert.That(Path.GetFileName(store.DatabasePath), Is.EqualTo(LocalStore.DatabaseFileName));
    }

    [Test]
    public void AReaderSeesEveryWriteWholeWhileAnotherProcessWrites()
    {
        using var state = new TemporaryState();
        using var writer = MetricStore.Open(state.Directory, MetricRetention.Default);
        using var reader = MetricStore.Open(state.Directory, MetricRetention.Default);
        var series = Enumerable.Range(0, 20).Select(i => L("n", i.ToString())).ToList();
        writer.Write(series.Select(l => new MetricSample("batch", 0, T0, Labels: l)).ToList(), T0);

        var writing = Task.Run(() =>
        {
            for (int batch = 1; batch <= 60; batch++)
                writer.Write(series.Select(l => new MetricSample("batch", batch, T0.AddSeconds(batch), Labels: l)).ToList(), T0.AddSeconds(batch));
        });
        var torn = new List<string>();
        while (!writing.IsCompleted)
        {
            var values = reader.Series("batch").Select(s => s.LastValue).Distinct().ToList();
            if (values.Count != 1) torn.Add(string.Join(",", values));
        }
        writing.Wait();

        Assert.That(torn, Is.Empty, "a read saw part of a batch");
        Assert.That(reader.Series("batch").Select(s => s.LastValue).Distinct(), Is.EqualTo(new[] { 60.0 }));
    }
}
