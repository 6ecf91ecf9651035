using NUnit.Framework;
using System.IO.Compression;
using System.Text.Json;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;
using NodeMonitor.Core.Tests.Support;

namespace NodeMonitor.Central.Tests.Sync;

public sealed class PassedResultsSyncTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 23, 58, 0, TimeSpan.Zero);
    private static readonly DateTime NoBudgetLimit = DateTime.MaxValue;
    private TemporaryDirectory _directory = null!;
    private LocalStore _store = null!;
    private SyncLedger _ledger = null!;
    private RecordingResultsStore _swift = null!;
    private int _runs;

    [SetUp]
    public void Open()
    {
        _directory = new TemporaryDirectory();
        _store = LocalStore.Open(_directory.Path, RetentionPolicy.Default);
        _ledger = SyncLedger.Open(_directory.Path);
        _swift = new RecordingResultsStore();
        _runs = 0;
    }

    [TearDown]
    public void Close()
    {
        _ledger.Dispose();
        _store.Dispose();
        _directory.Dispose();
    }

    [Test]
    public async Task EveryUnsyncedRunGoesOldestFirstIntoOneObjectNamedAfterTheFirstRunsDayAndTheFirstAndLastRun()
    {
        var runs = Enumerable.Range(0, 3).Select(_ => StorePassingRun()).ToList();

        var outcome = await Sync().SyncAsync(NoBudgetLimit, null, default);

        Assert.That(outcome, Is.EqualTo(new SyncOutcome(1, 3, _swift.Puts[0].Content.Length, null)));
        Assert.That(_swift.Puts.Single().Name, Is.EqualTo($"node-1/passed/2026-03-01/{runs[0].RunId}_{runs[2].RunId}.jsonl.gz"));
        Assert.That(Lines(_swift.Puts[0]).Select(l => l.GetProperty("runId").GetString()), Is.EqualTo(runs.Select(r => r.RunId)));
        Assert.That(_ledger.Status().Unsynced, Is.Zero);
    }

    [Test]
    public async Task ALineSummarisesTheRunAndEachPluginWithoutPerTestRows()
    {
        var run = new RunResultBuilder(T0).Passed("disk", "Disk.Free").Passed("disk", "Disk.Inodes")
            .PluginError("ntp", PluginStatus.TimedOut, "timed out after 30 s").Build();
        _store.Write(run);

        await Sync().SyncAsync(NoBudgetLimit, null, default);

        var line = Lines(_swift.Puts.Single()).Single();
        Assert.That(line.GetProperty("passed").GetBoolean(), Is.False);
        Assert.That(line.GetProperty("start").GetString(), Is.EqualTo("2026-03-01T23:58:00.000Z"));
        Assert.That(line.GetProperty("counts").GetProperty("passed").GetInt32(), Is.EqualTo(2));
        var plugins = line.GetProperty("plugins").EnumerateArray().ToList();
        Assert.That(plugins.Select(p => p.GetProperty("name").GetString()), Is.EqualTo(new[] { "disk", "ntp" }));
        Assert.That(plugins[0].GetProperty("status").GetString(), Is.EqualTo("Completed"));
        Assert.That(plugins[0].GetProperty("counts").GetProperty("total").GetInt32(), Is.EqualTo(2));
        Assert.That(plugins[0].GetProperty("seconds").GetDouble(), Is.EqualTo(2));
        Assert.That(plugins[1].GetProperty("status").GetString(), Is.EqualTo("TimedOut"));
        Assert.That(plugins[1].GetProperty("error").GetString(), Is.EqualTo("timed out after 30 s"));
        Assert.That(line.TryGetProperty("tests", out _), Is.False);
    }

    [Test]
    public async Task FailingRunsAreSyncedAsSummariesToo()
    {
        StorePassingRun();
        _store.Write(new RunResultBuilder(T0.AddMinutes(5)).Failed("disk", "Disk.Free").Build());

        await Sync().SyncAsync(NoBudgetLimit, null, default);

        Assert.That(Lines(_swift.Puts.Single()).Select(l => l.GetProperty("passed").GetBoolean()), Is.EqualTo(new[] { true, false }));
    }

    [Test]
    public async Task ABacklogLargerThanTheCapBecomesSeveralObjectsInOrder()
    {
        var runs = Enumerable.Range(0, 5).Select(_ => StorePassingRun()).ToList();

        var outcome = await Sync(maxRunsPerObject: 2).SyncAsync(NoBudgetLimit, null, default);

        Assert.That(outcome.Objects, Is.EqualTo(3));
        Assert.That(_swift.Puts.Select(p => p.Runs), Is.EqualTo(new[] { 2, 2, 1 }));
        Assert.That(_swift.Puts.Select(p => (p.FirstRunId, p.LastRunId)), Is.EqualTo(new[]
        {
            (runs[0].RunId, runs[1].RunId), (runs[2].RunId, runs[3].RunId), (runs[4].RunId, runs[4].RunId),
        }));
        // The first run of the second object started the next day (UTC).
        Assert.That(_swift.Puts[1].Name, Does.StartWith("node-1/passed/2026-03-02/"));
    }

    [Test]
    public async Task AFailedUploadMarksNothingRecordsTheErrorAndTheNextSyncSendsTheSameObject()
    {
        StorePassingRun();
        StorePassingRun();
        _swift.Failure = new CentralDeliveryException("Swift PUT object: connection refused");

        var failed = await Sync().SyncAsync(NoBudgetLimit, null, default);

        Assert.That(failed.Error, Is.EqualTo("Swift PUT object: connection refused"));
        Assert.That(failed.Objects, Is.Zero);
        var status = _ledger.Status();
        Assert.That((status.Unsynced, status.LastError, status.LastSyncAt), Is.EqualTo((2, "Swift PUT object: connection refused", (DateTimeOffset?)null)));

        _swift.Failure = null;
        var retried = await Sync().SyncAsync(NoBudgetLimit, null, default);

        Assert.That(retried.Runs, Is.EqualTo(2));
        Assert.That(_ledger.Status().LastError, Is.Null);
        Assert.That(_ledger.Status().Unsynced, Is.Zero);
    }

    [Test]
    public async Task WhenMarkingDoesNotHappenAfterAnUploadTheRetryReplacesTheSameObjectWithTheSameContent()
    {
        StorePassingRun();
        StorePassingRun();
        // The PUT succeeds, then the process dies before the runs are marked.
        _swift.DuringPut = () => throw new OperationCanceledException("killed");
        Assert.ThrowsAsync<OperationCanceledException>(() => Sync().SyncAsync(NoBudgetLimit, null, default));
        Assert.That(_ledger.Status().Unsynced, Is.EqualTo(2));

        _swift.DuringPut = null;
        await Sync().SyncAsync(NoBudgetLimit, null, default);

        Assert.That(_swift.Puts, Has.Count.EqualTo(2));
        Assert.That(_swift.Puts[1].Name, Is.EqualTo(_swift.Puts[0].Name));
        Assert.That(_swift.Puts[1].Content, Is.EqualTo(_swift.Puts[0].Content));
        Assert.That(_ledger.Status().Unsynced, Is.Zero);
    }

    [Test]
    public async Task ARunStoredWhileAnObjectIsUploadedIsNotMarkedWithItAndGoesIntoTheNextObject()
    {
        StorePassingRun();
        RunResult? meanwhile = null;
        _swift.DuringPut = () =>
        {
            _swift.DuringPut = null;
            meanwhile = StorePassingRun();
        };

        var outcome = await Sync().SyncAsync(NoBudgetLimit, null, default);

        Assert.That(_swift.Puts.Select(p => p.Runs), Is.EqualTo(new[] { 1, 1 }), "the run stored meanwhile is the second object of the same sync");
        Assert.That(_swift.Puts[1].FirstRunId, Is.EqualTo(meanwhile!.RunId));
        Assert.That(outcome.Runs, Is.EqualTo(2));
        Assert.That(_ledger.Status().Unsynced, Is.Zero);
    }

    [Test]
    public async Task ASecondSyncWithNothingNewSendsNothing()
    {
        StorePassingRun();
        await Sync().SyncAsync(NoBudgetLimit, null, default);

        var second = await Sync().SyncAsync(NoBudgetLimit, null, default);

        Assert.That(second, Is.EqualTo(new SyncOutcome(0, 0, 0, null)));
        Assert.That(_swift.Puts, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task TheSyncStateRecordsTheLastObjectItsRunsAndBytes()
    {
        StorePassingRun();
        StorePassingRun();
        var clock = new FixedClock(T0.AddHours(7));

        await Sync(clock: clock).SyncAsync(NoBudgetLimit, null, default);

        var status = _ledger.Status();
        Assert.That(status.LastSyncAt, Is.EqualTo(T0.AddHours(7)));
        Assert.That(status.LastObject, Is.EqualTo(_swift.Puts[0].Name));
        Assert.That(status.LastRuns, Is.EqualTo(2));
        Assert.That(status.LastBytes, Is.EqualTo(_swift.Puts[0].Content.Length));
        Assert.That(status.LastAttemptAt, Is.EqualTo(T0.AddHours(7)));
    }

    [Test]
    public async Task ASpentBudgetUploadsNothingAndKeepsTheRunsForTheNextSync()
    {
        StorePassingRun();
        var clock = new FixedClock(T0.AddHours(7));

        var outcome = await Sync(clock: clock).SyncAsync(T0.AddHours(7).UtcDateTime, null, default);

        Assert.That(outcome.Error, Does.Contain("budget"));
        Assert.That(_swift.Puts, Is.Empty);
        Assert.That(_ledger.Status().Unsynced, Is.EqualTo(1));
    }

    [Test]
    public async Task ProgressIsReportedOncePerStoredObject()
    {
        for (int i = 0; i < 3; i++) StorePassingRun();
        var reported = new List<string>();

        await Sync(maxRunsPerObject: 2).SyncAsync(NoBudgetLimit, o => reported.Add(o.Name), default);

        Assert.That(reported, Is.EqualTo(_swift.Puts.Select(p => p.Name)));
    }

    [Test]
    public void APreviewBuildsTheSameObjectsAsASyncButMarksNothing()
    {
        for (int i = 0; i < 3; i++) StorePassingRun();

        var preview = PassedResultsSync.Preview("node-1", _ledger, maxRunsPerObject: 2).ToList();

        Assert.That(preview.Select(p => p.Runs), Is.EqualTo(new[] { 2, 1 }));
        Assert.That(_ledger.Status().Unsynced, Is.EqualTo(3));
    }

    private PassedResultsSync Sync(int maxRunsPerObject = PassedResultsSync.DefaultMaxRunsPerObject, TimeProvider? clock = null) =>
        new("node-1", _ledger, _swift, TimeSpan.FromSeconds(5), clock) { MaxRunsPerObject = maxRunsPerObject };

    /// <summary>Stores a passing run; each one an hour after the previous, the first two minutes before midnight.</summary>
    private RunResult StorePassingRun()
    {
        var run = new RunResultBuilder(T0.AddHours(_runs++)).Passed("disk", "Disk.Free").Build();
        _store.Write(run);
        return run;
    }

    private static List<JsonElement> Lines(PassedResultsObject resultsObject)
    {
        using var gzip = new GZipStream(new MemoryStream(resultsObject.Content), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
