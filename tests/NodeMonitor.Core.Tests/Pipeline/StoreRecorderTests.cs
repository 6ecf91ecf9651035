using System.Text;
using NUnit.Framework;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Listening;
using NodeMonitor.Core.Pipeline;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Security;
using NodeMonitor.Core.Storage;
using NodeMonitor.Core.Tests.Support;
using NodeMonitor.Tests.Shared;

namespace NodeMonitor.Core.Tests.Pipeline;

/// <summary>The run's listener that writes it into the store while it runs, and the store sink that completes it.</summary>
public sealed class StoreRecorderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SecretRedactor NoSecrets = SecretRedactor.For(NodeMonitorConfig.Defaults(), new Dictionary<string, string?>());

    private TemporaryDirectory _state = null!;
    private TemporaryDirectory _reference = null!;

    [SetUp]
    public void CreateDirectories()
    {
        _state = new TemporaryDirectory();
        _reference = new TemporaryDirectory();
    }

    [TearDown]
    public void DeleteDirectories()
    {
        _state.Dispose();
        _reference.Dispose();
    }

    [Test]
    public async Task EventsDeliveredBeforeTheStoreOpensAreRecordedAndTheSinkOnlyCompletesTheRun()
    {
        using var store = LocalStore.Open(_state.Path, RetentionPolicy.Default);
        var previous = Run(T0, failing: 3);
        store.Write(previous);
        var run = Run(T0.AddMinutes(1), failing: 5);
        using var recorder = new StoreRecorder(NoSecrets);

        Deliver(recorder, run);
        recorder.Start(store);
        await new LocalStoreSink(store, null, null, recorder).WriteAsync(run, new SinkContext(false, []), CancellationToken.None);

        Assert.That(StoreRows.Of(store.DatabasePath), Is.EqualTo(WrittenAtOnce(previous, run)));
        Assert.That(recorder.Failure, Is.Null);
    }

    [Test]
    public void ARecordedRunIsCompletedByTheRecorderNotWrittenAgain()
    {
        using var store = LocalStore.Open(_state.Path, RetentionPolicy.Default);
        var run = Run(T0, failing: 1);
        using var recorder = new StoreRecorder(NoSecrets);
        recorder.Start(store);
        Deliver(recorder, run);

        Assert.That(recorder.TryComplete(run, null), Is.True);
        Assert.That(StoreRows.Of(store.DatabasePath), Is.EqualTo(WrittenAtOnce(run)));
    }

    [Test]
    public void SecretsNeverReachTheStoreFilesWhileTheRunIsRecorded()
    {
        const string secret = "serve-token-Zq83";
        var redactor = SecretRedactor.For(NodeMonitorConfig.Defaults(), new Dictionary<string, string?> { ["NODEMONITOR_SERVE_TOKEN"] = secret });
        using var store = LocalStore.Open(_state.Path, RetentionPolicy.Default);
        var leaky = new RunResultBuilder(T0).Failed("env", $"Env.Checks.Token(\"{secret}\")", $"token={secret}", $"NODEMONITOR_SERVE_TOKEN={secret}").Build();
        using var recorder = new StoreRecorder(redactor);
        recorder.Start(store);
        Deliver(recorder, leaky);

        Assert.That(recorder.TryComplete(redactor.Redact(leaky), null), Is.True, "the recorded tests are the redacted run's");
        var record = store.History().Single(r => r.FullName != TestState.PluginLevelName);
        Assert.That(record.Message, Is.EqualTo($"token={SecretRedactor.Mask}"));
        foreach (string file in Directory.GetFiles(_state.Path))
            Assert.That(Encoding.UTF8.GetString(File.ReadAllBytes(file)), Does.Not.Contain(secret), Path.GetFileName(file));
    }

    [Test]
    public async Task WhenTheRecorderMissedTheRunTheSinkWritesTheRunAtOnce()
    {
        using var store = LocalStore.Open(_state.Path, RetentionPolicy.Default);
        var run = Run(T0, failing: 2);
        using var recorder = new StoreRecorder(NoSecrets);
        recorder.Start(store);
        // The run's start never arrives (the recorder was attached late): nothing can be recorded.
        foreach (var plugin in run.Plugins)
            foreach (var test in plugin.Tests) recorder.OnEvent(new TestFinished(test, T0));

        await new LocalStoreSink(store, null, null, recorder).WriteAsync(run, new SinkContext(false, []), CancellationToken.None);

        Assert.That(recorder.Failure, Is.Not.Null);
        Assert.That(StoreRows.Of(store.DatabasePath), Is.EqualTo(WrittenAtOnce(run)));
    }

    [Test]
    public void WhenTheStoreRefusesTheRecordingTheSinkFailsAsAWriteAtOnceFails()
    {
        using var store = LocalStore.Open(_state.Path, RetentionPolicy.Default);
        var first = Run(T0, failing: 0);
        store.Write(first);
        var rowsBefore = StoreRows.Of(store.DatabasePath);
        var sameId = Run(T0.AddMinutes(1), failing: 1) with { RunId = first.RunId };
        using var recorder = new StoreRecorder(NoSecrets);
        recorder.Start(store);
        Deliver(recorder, sameId);

        var error = Assert.ThrowsAsync<StoreException>(async () =>
            await new LocalStoreSink(store, null, null, recorder).WriteAsync(sameId, new SinkContext(false, []), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain(first.RunId).And.Contain(store.DatabasePath));
        Assert.That(StoreRows.Of(store.DatabasePath), Is.EqualTo(rowsBefore));
    }

    [Test]
    public void ARecorderDisposedBeforeTheRunCompletesKeepsNothingAndFreesTheStore()
    {
        using var store = LocalStore.Open(_state.Path, RetentionPolicy.Default);
        var first = Run(T0, failing: 0);
        store.Write(first);
        var rowsBefore = StoreRows.Of(store.DatabasePath);
        var interrupted = Run(T0.AddMinutes(1), failing: 4);

        using (var recorder = new StoreRecorder(NoSecrets))
        {
            recorder.Start(store);
            Deliver(recorder, interrupted);
        }

        Assert.That(StoreRows.Of(store.DatabasePath), Is.EqualTo(rowsBefore));
        var next = Run(T0.AddMinutes(2), failing: 4);
        store.Write(next);
        Assert.That(store.LastRun()!.RunId, Is.EqualTo(next.RunId));
    }

    /// <summary>Two plugins of 600 tests (more than two batches of events), the first <paramref name="failing"/> of "disk" failing.</summary>
    private static RunResult Run(DateTimeOffset at, int failing)
    {
        var builder = new RunResultBuilder(at);
        for (int i = 0; i < 600; i++)
        {
            if (i < failing) builder.Failed("disk", $"Disk.Check{i:000}"); else builder.Passed("disk", $"Disk.Check{i:000}");
            builder.Passed("ntp", $"Ntp.Check{i:000}");
        }
        return builder.Build();
    }

    /// <summary>The events a coordinator delivers for <paramref name="run"/>, its two plugins side by side.</summary>
    private static void Deliver(IRunListener listener, RunResult run)
    {
        listener.OnEvent(new RunStarted(run.RunId, run.Node, run.Plugins.Select(p => p.Name).ToList(), run.StartTime));
        foreach (var plugin in run.Plugins) listener.OnEvent(new PluginStarted(plugin.Name, run.StartTime));
        for (int i = 0; i < run.Plugins.Max(p => p.Tests.Count); i++)
        {
            foreach (var plugin in run.Plugins.Where(p => i < p.Tests.Count))
            {
                listener.OnEvent(new TestStarted(plugin.Name, plugin.Tests[i].FullName, run.StartTime));
                listener.OnEvent(new TestFinished(plugin.Tests[i], run.StartTime));
            }
        }
        foreach (var plugin in run.Plugins) listener.OnEvent(new PluginFinished(plugin, run.EndTime));
        listener.OnEvent(new RunFinished(run, run.EndTime));
    }

    /// <summary>The rows of a store that was given <paramref name="runs"/> the way it always was, after each run.</summary>
    private IReadOnlyList<string> WrittenAtOnce(params RunResult[] runs)
    {
        using var reference = LocalStore.Open(_reference.Path, RetentionPolicy.Default);
        foreach (var run in runs) reference.Write(run);
        return StoreRows.Of(reference.DatabasePath);
    }
}
